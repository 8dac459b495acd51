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

/** The chat model `config` names, ready for `streamText`. */
export function pickLlmProvider(config: LlmConfig): LanguageModel {
  if (config.provider === 'workers-ai')
    // The binding is the runtime's `Ai`; the provider calls only its `run` (WorkersAiBinding).
    return createWorkersAI({ binding: config.binding as Ai }).chat(config.model);
  return createOpenAICompatible({
    name: 'llm',
    baseURL: config.baseUrl,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  }).chatModel(config.model);
}
