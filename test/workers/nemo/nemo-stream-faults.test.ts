/**
 * The chat stream's faults become clear answers: a stream cut inside a frame, an error frame
 * (`data: {"error":…}`), an upstream that opens the stream and then says nothing, one that never
 * answers at all, and heartbeats (empty `data:` lines) shown as "still working…".
 * Timeouts are shortened by the `workers-nemo` project (idle 400 ms, still-working 30 ms).
 */
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../shared/events-schema';
import { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';

const FIRST = 'Generate a 10-second video about "Urban Dreams"';

function codes(events: StreamEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'error' ? [event.code] : []));
}

describe('chat stream faults', () => {
  it('a stream cut mid-event keeps what arrived, says it broke off, and ends the turn', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, `${FIRST} [cut]`);
    expect(codes(transcript.events)).toEqual(['upstream_interrupted']);
    const deltas = transcript.events.flatMap((event) =>
      event.type === 'text-delta' ? [event.delta] : [],
    );
    expect(deltas).toHaveLength(1);
    const text = transcript.events.find((event) => event.type === 'text');
    expect(text).toEqual({ type: 'text', text: deltas[0]?.trim() });
    expect(transcript.events.at(-1)?.type).toBe('done');
    // The draft the upstream made before the cut still reaches the timeline.
    expect(transcript.events.some((event) => event.type === 'draft')).toBe(true);
  });

  it('an error frame becomes an error event (no raw upstream text)', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, `${FIRST} [stream-error]`);
    expect(codes(transcript.events)).toEqual(['upstream_failed']);
    expect(JSON.stringify(transcript.events)).not.toContain('overloaded');
    expect(transcript.events.at(-1)?.type).toBe('done');
  });

  it('an upstream that opens the stream and hangs is stopped with a clear timeout error', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const started = Date.now();
    const transcript = await visitor.chat(session.id, `${FIRST} [hang]`);
    expect(Date.now() - started).toBeLessThan(5_000);
    const error = transcript.events.find((event) => event.type === 'error');
    expect(error).toMatchObject({
      code: 'upstream_timeout',
      message: expect.stringMatching(/stopped responding/),
    });
    expect(transcript.events.at(-1)?.type).toBe('done');
    // The session is free again.
    const next = await visitor.chat(session.id, `${FIRST} [talk]`);
    expect(codes(next.events)).toEqual([]);
  });

  it('an upstream that never answers the request is stopped with the same clear error', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, `${FIRST} [hang-headers]`);
    expect(codes(transcript.events)).toEqual(['upstream_timeout']);
  });

  it('heartbeats show "still working…", spaced by the interval, and are not chat text', async () => {
    routeUpstream({ heartbeatDelayMs: 40 });
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, `${FIRST} [heartbeats:4] [talk]`);
    const working = transcript.events.filter(
      (event) => event.type === 'status' && event.message === 'still working…',
    );
    expect(working.length).toBeGreaterThanOrEqual(1);
    expect(working.length).toBeLessThanOrEqual(4);
    expect(codes(transcript.events)).toEqual([]);
    expect(transcript.events.filter((event) => event.type === 'text')).toHaveLength(1);
  });
});
