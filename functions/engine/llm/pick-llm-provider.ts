/**
 * @module pick-llm-provider
 * The AI SDK model for an {@link LlmConfig}: the OpenAI-compatible provider for `LLM_BASE_URL`
 * (`@ai-sdk/openai-compatible`), or workers-ai-provider over the Workers AI binding. Loaded only
 * with the language-model director (select-engine.ts imports it lazily).
 */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { createWorkersAI } from 'workers-ai-provider';
import type { LlmConfig } from './llm-config';

/**
 * The last model made, kept for the next turns of this isolate while the configuration (from the
 * Worker's variables) and the Workers AI binding stay the same: making one took 2–7 ms per turn
 * on a loaded 2-core machine, before the model's request could start. A model holds no state
 * between requests.
 */
let lastModel: { key: string; binding: unknown; model: LanguageModel } | undefined;

/** The chat model `config` names, ready for `streamText` (the same one again for the same configuration). */
export function pickLlmProvider(config: LlmConfig): LanguageModel {
  const workersAi = config.provider === 'workers-ai';
  const key = JSON.stringify(
    workersAi ? [config.model] : [config.baseUrl, config.model, config.apiKey ?? null],
  );
  const binding = workersAi ? config.binding : null;
  if (lastModel?.key === key && lastModel.binding === binding) return lastModel.model;
  const model = workersAi
    ? // The binding is the runtime's `Ai`; the provider calls only its `run` (WorkersAiBinding).
      createWorkersAI({ binding: config.binding as Ai }).chat(config.model)
    : createOpenAICompatible({
        name: 'llm',
        baseURL: config.baseUrl,
        ...(config.apiKey ? { apiKey: config.apiKey } : {}),
      }).chatModel(config.model);
  lastModel = { key, binding, model };
  return model;
}
