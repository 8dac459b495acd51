/**
 * With an operator `NEMO_TOKEN` (the operator pays the remote API), each visitor may start only
 * `NEMO_EXPORTS_PER_VISITOR` remote exports a day: past it, 429 `remote_export_limit` with
 * `Retry-After`. Without it (the visitor's own anonymous account pays) the cap does not apply.
 */
import { describe, expect, it } from 'vitest';
import { REMOTE_EXPORT_WINDOW_MS } from '../../../functions/durable/export-rate';
import { LimitedVisitor } from '../limits';
import type { LimitVars } from '../limits';
import { readError } from '../visitor-client';
import { routeUpstream } from './route-upstream';
import { DRAFT_PROMPT } from './visitor-with-draft';

async function twoExports(vars: LimitVars): Promise<Response> {
  routeUpstream({ operatorTokens: ['operator-secret-token'] });
  const visitor = new LimitedVisitor(vars);
  const session = await visitor.createSession();
  await visitor.chat(session.id, DRAFT_PROMPT);
  await visitor.startExport(session.id);
  return visitor.fetch(`/api/sessions/${session.id}/exports`, { method: 'POST' });
}

describe('remote exports per visitor', () => {
  it('with an operator NEMO_TOKEN, the export past NEMO_EXPORTS_PER_VISITOR is 429 remote_export_limit', async () => {
    const refused = await twoExports({
      NEMO_TOKEN: 'operator-secret-token',
      NEMO_EXPORTS_PER_VISITOR: '1',
    });
    expect(refused.status).toBe(429);
    const retryAfterS = Number(refused.headers.get('Retry-After'));
    expect(retryAfterS).toBeGreaterThan(0);
    expect(retryAfterS).toBeLessThanOrEqual(REMOTE_EXPORT_WINDOW_MS / 1_000);
    expect((await readError(refused)).code).toBe('remote_export_limit');
  });

  it('without an operator token the cap does not apply', async () => {
    const second = await twoExports({ NEMO_EXPORTS_PER_VISITOR: '1' });
    expect(second.status).toBe(201);
  });
});
