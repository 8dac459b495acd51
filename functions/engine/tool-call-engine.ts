/**
 * @module tool-call-engine
 * One director tool call from outside the chat (an agent over `/mcp`) run as a turn: an
 * {@link Engine} whose turn is that one call, already accepted by `readToolCall`
 * (director-tools.ts), applied by the language-model director's own `toolTurnEvents`
 * (llm/apply-tool-calls.ts). So an agent's call changes the draft through the same validated
 * functions, and the session room stores and streams it like any other turn.
 */
import { MAX_MESSAGE_CHARS } from '../../shared/api-schema';
import type { ToolCall } from './director-tools';
import type { Engine } from './engine';
import { hasCjk } from './embedded/reading-length';
import { toolTurnEvents } from './llm/apply-tool-calls';

/** Longest account of an op's arguments in the chat line: enough to read, never a wall of JSON. */
const MAX_ARGS_IN_LINE_CHARS = 200;

/**
 * The chat line that stands for the call in the session's history (and titles a new session):
 * `Agent: plan_video — <title>` or `Agent: set_duration {"durationMs":20000}`.
 */
export function toolCallLine(name: string, call: ToolCall): string {
  let detail = '';
  const named = call.kind === 'plan' ? (call.brief.title ?? call.brief.topic) : undefined;
  if (named !== undefined) detail = ` — ${named}`;
  if (call.kind === 'op') {
    const { op: _kind, ...args } = call.op;
    detail = ` ${JSON.stringify(args).slice(0, MAX_ARGS_IN_LINE_CHARS)}`;
  }
  return `Agent: ${name}${detail}`.trim().slice(0, MAX_MESSAGE_CHARS);
}

/** Whether the call's words are Chinese (the reply then is too): its brief's language, or its text. */
function callIsCjk(call: ToolCall): boolean {
  if (call.kind === 'plan') return call.brief.language === 'zh';
  return call.kind === 'op' && hasCjk(JSON.stringify(call.op));
}

/** An engine whose one turn applies `call` (see the module doc); it never reads the turn's text. */
export function toolCallEngine(call: ToolCall): Engine {
  const cjk = callIsCjk(call);
  return {
    name: 'embedded',
    renderer: 'browser',
    async *chat(input) {
      yield* toolTurnEvents(input, [call], '', cjk);
    },
  };
}
