import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../engine';
import { AdkTurnMapper, UPSTREAM_REPORTED_PROBLEM } from './nemo-map-adk-events';
import type { AdkEvent } from './nemo-schema';

const partial = (text: string): AdkEvent => ({
  content: { role: 'model', parts: [{ text }] },
  partial: true,
});
const final = (text: string): AdkEvent => ({ content: { role: 'model', parts: [{ text }] } });

function run(events: AdkEvent[]): { out: EngineEvent[]; text: string | null } {
  const mapper = new AdkTurnMapper();
  const out = events.flatMap((event) => mapper.map(event));
  return { out, text: mapper.finish() };
}

describe('ADK events → engine events', () => {
  it('shows partial deltas, then the final text once (never doubled)', () => {
    const { out, text } = run([partial('Hello '), partial('world'), final('Hello world')]);
    expect(out).toEqual([
      { type: 'text-delta', delta: 'Hello ' },
      { type: 'text-delta', delta: 'world' },
    ]);
    expect(text).toBe('Hello world');
  });

  it('shows a final without deltas once, and separates two messages', () => {
    const { out, text } = run([final('First.'), partial('Sec'), partial('ond.'), final('Second.')]);
    expect(out.map((event) => (event.type === 'text-delta' ? event.delta : ''))).toEqual([
      'First.',
      '\n\nSec',
      'ond.',
    ]);
    expect(text).toBe('First.\n\nSecond.');
  });

  it('keeps the deltas of a message whose final never came (cut stream)', () => {
    expect(run([final('One.'), partial('Two, half')]).text).toBe('One.\n\nTwo, half');
  });

  it('turns function calls into status lines and ignores function responses and thoughts', () => {
    const { out, text } = run([
      {
        content: {
          role: 'model',
          parts: [{ functionCall: { name: 'add_text_overlay', args: {} } }],
        },
      },
      {
        content: {
          role: 'user',
          parts: [{ functionResponse: { name: 'add_text_overlay', response: { ok: true } } }],
        },
      },
      { content: { role: 'model', parts: [{ text: 'thinking…', thought: true }] } },
    ]);
    expect(out).toEqual([{ type: 'status', message: 'adding text overlay…' }]);
    expect(text).toBeNull();
  });

  it('turns an event error into a plain error event', () => {
    const { out } = run([
      { errorCode: 'MALFORMED_FUNCTION_CALL', errorMessage: 'raw upstream detail' },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: 'error', code: 'upstream_failed' });
    expect(JSON.stringify(out)).not.toContain('raw upstream detail');
  });

  it('shows a call once though progressive SSE sends it in a partial chunk and the aggregate', () => {
    const call = { functionCall: { id: 'c1', name: 'set_text_style', args: {} } };
    const { out } = run([
      { content: { role: 'model', parts: [call] }, partial: true },
      { content: { role: 'model', parts: [call] } },
    ]);
    expect(out).toEqual([{ type: 'status', message: 'setting text style…' }]);
  });

  it('knows a tool is at work from its call until its response; long-running ones stay open', () => {
    const mapper = new AdkTurnMapper();
    mapper.map({ content: { role: 'model', parts: [{ functionCall: { id: 'a', name: 'x' } }] } });
    expect(mapper.toolRunning).toBe(true);
    mapper.map({
      content: { role: 'user', parts: [{ functionResponse: { id: 'a', name: 'x' } }] },
    });
    expect(mapper.toolRunning).toBe(false);
    mapper.map({
      content: { role: 'model', parts: [{ functionCall: { id: 'b', name: 'render' } }] },
      longRunningToolIds: ['b'],
    });
    expect(mapper.longRunningOpen).toBe(true);
  });

  it('STOP and a text-bearing MAX_TOKENS are not failures; SAFETY without text is', () => {
    const ok = run([{ errorCode: 'STOP' }, { ...final('All of it.'), errorCode: 'MAX_TOKENS' }]);
    expect(ok.out).toEqual([{ type: 'text-delta', delta: 'All of it.' }]);
    expect(ok.text).toBe('All of it.');
    const mapper = new AdkTurnMapper();
    expect(mapper.map({ errorCode: 'SAFETY' })).toEqual([UPSTREAM_REPORTED_PROBLEM]);
    expect(mapper.errors).toBe(1);
  });
});
