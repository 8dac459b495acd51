/**
 * @module fake-workers-ai
 * A fake Workers AI binding (`env.AI`) for the language-model director's Workers AI path, which
 * has no local simulation. It implements what workers-ai-provider calls for a chat model:
 * `run(model, inputs, options)` with `inputs.stream: true` resolves to an SSE byte stream in
 * Workers AI's native format — `data: {"response":"<text>"}` frames, tool calls as top-level
 * `tool_calls` (`{id,type,index,function:{name}}`, then `{index,function:{arguments}}` pieces,
 * then a null finalization chunk, as the provider's src/streaming.ts documents), a last frame with
 * `usage`, then `data: [DONE]`. Failures are thrown as the binding throws them, with the internal
 * code in the message (https://developers.cloudflare.com/workers-ai/platform/errors/).
 * Answers are scripted by the same keywords as the fake OpenAI-compatible server (fake-llm.ts):
 * `[llm:429]` is error 3040 (out of capacity), `[llm:500]` an upstream error without a code,
 * `[llm:cut-mid-tool]` ends the stream inside a tool call, `[llm:hang]` waits for the abort.
 */
import { type ChatRequest, scriptFor } from './fake-llm';

/** Pieces a tool call's arguments are cut into (at least two: the provider must join them). */
const ARGUMENT_PIECES = 3;

/** One call of `run` as the fake saw it. */
export interface FakeWorkersAiRun {
  model: string;
  inputs: Record<string, unknown>;
}

/** The fake: the binding to pass as `AI` and the calls it got. */
export interface FakeWorkersAi {
  binding: {
    run(model: string, inputs: Record<string, unknown>, options?: object): Promise<unknown>;
  };
  runs: FakeWorkersAiRun[];
}

/** One SSE frame. */
function frame(chunk: Record<string, unknown>): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The native frames of a scripted answer (the last ones left out when it is cut). */
function framesOf(script: Extract<ReturnType<typeof scriptFor>, { kind: 'stream' }>): string[] {
  const frames = (script.text.match(/\S+\s*/g) ?? []).map((word) => frame({ response: word }));
  for (const [index, call] of script.calls.entries()) {
    const args = JSON.stringify(call.args);
    const size = Math.ceil(args.length / ARGUMENT_PIECES);
    frames.push(
      frame({
        response: '',
        tool_calls: [
          { id: `chatcmpl-tool-${index}`, type: 'function', index, function: { name: call.name } },
        ],
      }),
    );
    for (let at = 0; at < args.length; at += size) {
      if (script.cut && at >= size) return frames;
      frames.push(
        frame({
          response: '',
          tool_calls: [{ index, function: { arguments: args.slice(at, at + size) } }],
        }),
      );
    }
    frames.push(
      frame({ response: '', tool_calls: [{ id: null, type: null, function: { name: null } }] }),
    );
  }
  frames.push(
    frame({
      response: '',
      usage: { prompt_tokens: 900, completion_tokens: 120, total_tokens: 1020 },
    }),
    'data: [DONE]\n\n',
  );
  return frames;
}

/** Creates a fresh fake binding (see the module doc). */
export function createFakeWorkersAi(): FakeWorkersAi {
  const runs: FakeWorkersAiRun[] = [];
  const binding: FakeWorkersAi['binding'] = {
    async run(model, inputs, options) {
      runs.push({ model, inputs });
      // The director always streams; a non-streaming answer (a JSON object) is not faked.
      if (inputs.stream !== true) throw new Error('fake Workers AI: only stream: true is faked');
      const request = { model, ...inputs } as ChatRequest;
      const script = scriptFor(request);
      if (script.kind === 'status')
        throw new Error(
          script.status === 429
            ? 'InferenceUpstreamError: 3040: Capacity temporarily exceeded, please try again.'
            : 'InferenceUpstreamError: upstream connect error or disconnect/reset before headers',
        );
      const signal = (options as { signal?: AbortSignal } | undefined)?.signal;
      if (script.kind === 'hang')
        return new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () =>
            reject(new DOMException('The operation was aborted.', 'AbortError')),
          );
        });
      const encoder = new TextEncoder();
      const frames = framesOf(script);
      return new ReadableStream<Uint8Array>({
        start(controller) {
          for (const text of frames) controller.enqueue(encoder.encode(text));
          controller.close();
        },
      });
    },
  };
  return { binding, runs };
}
