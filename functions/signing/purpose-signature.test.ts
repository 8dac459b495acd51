import { describe, expect, it } from 'vitest';
import { SIGNATURE_CHARS, signFor, verifyFor } from './purpose-signature';
import type { SignaturePurpose } from './purpose-signature';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const PURPOSES: readonly SignaturePurpose[] = ['visitor-cookie', 'widget-token', 'render-download'];
const TEXT = '0b7c6f7e-3f7e-4c1e-9a52-7f4f8d1c2b3a';

describe('purpose signatures', () => {
  it('verify for their own purpose, text and secret only', async () => {
    for (const purpose of PURPOSES) {
      const signature = await signFor(purpose, TEXT, SECRET);
      expect(signature).toMatch(new RegExp(`^[A-Za-z0-9_-]{${SIGNATURE_CHARS}}$`));
      expect(await verifyFor(purpose, TEXT, signature, SECRET)).toBe(true);
      expect(await verifyFor(purpose, `${TEXT}x`, signature, SECRET)).toBe(false);
      expect(await verifyFor(purpose, TEXT, signature, `${SECRET}x`)).toBe(false);
    }
  });

  it('never pass for another purpose (a download signature is no visitor credential, and back)', async () => {
    for (const signedFor of PURPOSES) {
      const signature = await signFor(signedFor, TEXT, SECRET);
      for (const offeredAs of PURPOSES.filter((purpose) => purpose !== signedFor)) {
        expect({
          signedFor,
          offeredAs,
          ok: await verifyFor(offeredAs, TEXT, signature, SECRET),
        }).toEqual({ signedFor, offeredAs, ok: false });
      }
    }
  });

  it('refuse another spelling of the same bytes and anything malformed', async () => {
    const signature = await signFor('render-download', TEXT, SECRET);
    for (const spelling of [`${signature}=`, signature.slice(1), '', '!'.repeat(SIGNATURE_CHARS)]) {
      expect(await verifyFor('render-download', TEXT, spelling, SECRET)).toBe(false);
    }
  });
});
