import { describe, expect, it } from 'vitest';
import { createFakeWorkersAi } from '../../../test/fake-llm/fake-workers-ai';
import type { ChatTurnInput, EngineEvent } from '../engine';
import { DirectorConfigError, readDirectorConfig } from './llm-config';
import { LlmDirector } from './llm-director';
import { pickLlmProvider } from './pick-llm-provider';

const MODEL = '@cf/meta/llama-3.3-70b-instruct-fp8-fast';

function turn(text: string): ChatTurnInput {
  return { text, draft: null, history: [], previousDrafts: [], media: [], batch: null };
}

async function eventsOf(events: AsyncIterable<EngineEvent>): Promise<EngineEvent[]> {
  const all: EngineEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

/** The director over a fresh fake binding, as `DIRECTOR=llm` with an `AI` binding reads it. */
function workersAiDirector() {
  const fake = createFakeWorkersAi();
  const config = readDirectorConfig({ DIRECTOR: 'llm', LLM_MODEL: MODEL, AI: fake.binding });
  if (config.director !== 'llm') throw new Error('not the llm director');
  return { fake, director: new LlmDirector(config.llm, 0) };
}

describe('the model provider', () => {
  it('is Workers AI with an AI binding and no LLM_BASE_URL', () => {
    const { binding } = createFakeWorkersAi();
    expect(readDirectorConfig({ DIRECTOR: 'llm', LLM_MODEL: MODEL, AI: binding })).toEqual({
      director: 'llm',
      llm: { provider: 'workers-ai', binding, model: MODEL, timeoutMs: 30_000 },
    });
  });

  it('is the OpenAI-compatible endpoint whenever LLM_BASE_URL is set', () => {
    const { binding } = createFakeWorkersAi();
    expect(
      readDirectorConfig({
        DIRECTOR: 'llm',
        LLM_MODEL: 'qwen2.5',
        LLM_BASE_URL: 'http://localhost:11434/v1',
        AI: binding,
      }),
    ).toMatchObject({
      llm: { provider: 'openai-compatible', baseUrl: 'http://localhost:11434/v1' },
    });
  });

  it('is made once for the same configuration, again for another endpoint, key or binding', () => {
    const endpoint = {
      provider: 'openai-compatible' as const,
      baseUrl: 'http://localhost:11434/v1',
      model: 'qwen2.5',
      timeoutMs: 30_000,
    };
    const first = pickLlmProvider(endpoint);
    expect(pickLlmProvider({ ...endpoint })).toBe(first);
    expect(pickLlmProvider({ ...endpoint, apiKey: 'sk-other' })).not.toBe(first);
    expect(pickLlmProvider({ ...endpoint, baseUrl: 'http://localhost:8080/v1' })).not.toBe(first);
    const { binding } = createFakeWorkersAi();
    const workersAi = { provider: 'workers-ai' as const, binding, model: MODEL, timeoutMs: 30_000 };
    const onBinding = pickLlmProvider(workersAi);
    expect(pickLlmProvider({ ...workersAi })).toBe(onBinding);
    expect(pickLlmProvider({ ...workersAi, binding: createFakeWorkersAi().binding })).not.toBe(
      onBinding,
    );
  });

  it('needs a model, and an endpoint or a binding (a string AI is no binding)', () => {
    const { binding } = createFakeWorkersAi();
    expect(() => readDirectorConfig({ DIRECTOR: 'llm', AI: binding })).toThrow(DirectorConfigError);
    expect(() => readDirectorConfig({ DIRECTOR: 'llm', LLM_MODEL: MODEL, AI: 'x' })).toThrow(
      /\[ai\] binding = "AI"/,
    );
  });
});

describe('the director over Workers AI', () => {
  it('streams the reply and plans by tool through binding.run', async () => {
    const { fake, director } = workersAiDirector();
    const events = await eventsOf(director.chat(turn('A video about rock pools [llm:plan]')));
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []));
    expect(deltas.join('')).toBe('Here is a plan about tide pools.');
    const draft = events.find((event) => event.type === 'draft');
    expect(draft?.type === 'draft' && draft.draft.title).toBe('Tide pools');
    expect(fake.runs).toHaveLength(1);
    const run = fake.runs[0];
    expect(run?.model).toBe(MODEL);
    expect(run?.inputs.stream).toBe(true);
    const tools = run?.inputs.tools as Array<{ function: { name: string } }>;
    expect(tools.map((entry) => entry.function.name)).toContain('plan_video');
  });

  it.each([
    [
      '[llm:429]',
      'The language model is busy (rate limited); the built-in director answered instead.',
    ],
    ['[llm:500]', 'The language model’s server failed; the built-in director answered instead.'],
    [
      '[llm:cut-mid-tool]',
      'The language model’s answer broke off; the built-in director answered instead.',
    ],
  ])('%s: the rules director answers, one plain line says so', async (keyword, line) => {
    const { director } = workersAiDirector();
    const events = await eventsOf(
      director.chat(turn(`Generate a 15-second video about rock pools ${keyword}`)),
    );
    const text = events.find((event) => event.type === 'text');
    if (text?.type !== 'text') throw new Error('no text event');
    expect(text.text.startsWith(`${line}\n\n`)).toBe(true);
    const draft = events.find((event) => event.type === 'draft');
    expect(draft?.type === 'draft' && draft.draft.durationMs).toBe(15_000);
  });
});
