import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERIC_ICONS, allIconNames, pickIcon } from './pick-icon';

const ICONS_DIR = fileURLToPath(
  new URL('../../../node_modules/lucide/dist/esm/icons/', import.meta.url),
);

describe('pickIcon', () => {
  it('only names icons that exist in the installed lucide package', () => {
    const missing = allIconNames().filter((name) => !existsSync(`${ICONS_DIR}${name}.mjs`));
    expect(missing).toEqual([]);
  });

  it('picks by keyword, in English and Chinese', () => {
    expect(pickIcon('Keep your files safe and private', 0)).toBe('shield-check');
    expect(pickIcon('Launch day is here', 0)).toBe('rocket');
    expect(pickIcon('Your whole team in one place', 0)).toBe('users');
    expect(pickIcon('每天只需十分钟', 0)).toBe('clock');
  });

  it('prefers another matching icon to repeating the previous scene’s', () => {
    expect(pickIcon('Secure and fast', 1, 'shield-check')).toBe('zap');
    expect(pickIcon('Secure', 1, 'shield-check')).toBe('shield-check');
  });

  it('falls back to generic icons in turn, never repeating the previous one', () => {
    expect(pickIcon('Zxq qwv', 0)).toBe(GENERIC_ICONS[0]);
    expect(pickIcon('Zxq qwv', 1)).toBe(GENERIC_ICONS[1]);
    expect(pickIcon('Zxq qwv', 0, GENERIC_ICONS[0] ?? null)).toBe(GENERIC_ICONS[1]);
  });
});
