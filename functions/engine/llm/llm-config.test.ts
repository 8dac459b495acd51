import { describe, expect, it } from 'vitest';
import { DEFAULT_LLM_TIMEOUT_MS, DirectorConfigError, readDirectorConfig } from './llm-config';

describe('the director setting', () => {
  it('is the rules director by default', () => {
    expect(readDirectorConfig({})).toEqual({ director: 'rules' });
    expect(readDirectorConfig({ DIRECTOR: ' ' })).toEqual({ director: 'rules' });
  });

  it('reads the model for llm', () => {
    expect(
      readDirectorConfig({
        DIRECTOR: 'llm',
        LLM_BASE_URL: 'http://localhost:11434/v1',
        LLM_MODEL: 'qwen2.5',
      }),
    ).toEqual({
      director: 'llm',
      llm: {
        provider: 'openai-compatible',
        baseUrl: 'http://localhost:11434/v1',
        model: 'qwen2.5',
        timeoutMs: DEFAULT_LLM_TIMEOUT_MS,
      },
    });
    expect(
      readDirectorConfig({
        DIRECTOR: 'llm',
        LLM_BASE_URL: 'https://api.example/v1',
        LLM_MODEL: 'm',
        LLM_API_KEY: 'k',
        LLM_TIMEOUT_MS: '5000',
      }),
    ).toMatchObject({ llm: { apiKey: 'k', timeoutMs: 5_000 } });
  });

  it('refuses an unknown director, a missing model or a bad timeout', () => {
    expect(() => readDirectorConfig({ DIRECTOR: 'gpt' })).toThrow(DirectorConfigError);
    expect(() => readDirectorConfig({ DIRECTOR: 'llm', LLM_MODEL: 'm' })).toThrow(/LLM_BASE_URL/);
    expect(() =>
      readDirectorConfig({
        DIRECTOR: 'llm',
        LLM_BASE_URL: 'http://x/v1',
        LLM_MODEL: 'm',
        LLM_TIMEOUT_MS: '1e3',
      }),
    ).toThrow(/LLM_TIMEOUT_MS/);
  });
});
