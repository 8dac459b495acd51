import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NEMO_API_BASE,
  NemoConfigError,
  RATE_LIMIT_WAIT_MS,
  readNemoConfig,
} from './nemo-config';

describe('nemo configuration', () => {
  it('defaults to the production API, anonymous tokens and the contract timings', () => {
    const config = readNemoConfig({ ENGINE: 'nemo' });
    expect(config.apiBase).toBe(DEFAULT_NEMO_API_BASE);
    expect(config.token).toBeNull();
    expect(config.timings.rateLimitWaitMs).toBe(RATE_LIMIT_WAIT_MS);
    expect(config.timings.renderPollMs).toBe(30_000);
  });

  it('reads the variables, trims a trailing slash and treats blank as unset', () => {
    const config = readNemoConfig({
      NEMO_API_BASE: 'http://127.0.0.1:8790/',
      NEMO_TOKEN: ' ',
      NEMO_RENDER_POLL_MS: '50',
      NEMO_LANGUAGE: 'zh',
    });
    expect(config.apiBase).toBe('http://127.0.0.1:8790');
    expect(config.token).toBeNull();
    expect(config.timings.renderPollMs).toBe(50);
    expect(config.language).toBe('zh');
  });

  it('refuses unusable values with a clear error', () => {
    expect(() => readNemoConfig({ NEMO_API_BASE: 'ftp://x' })).toThrow(NemoConfigError);
    expect(() => readNemoConfig({ NEMO_RENDER_POLL_MS: 'soon' })).toThrow(
      /whole number of milliseconds/,
    );
  });
});
