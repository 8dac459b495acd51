/**
 * A reader that stops reading an SSE stream while events keep coming is dropped once the bytes
 * held for it pass the channel's bound: its stream ends, the held bytes stay bounded and are let
 * go, and later sends cost nothing. A reader that keeps reading is never dropped. (Before the
 * bound, every event was queued for such a reader for as long as the stream stayed open.)
 */
import { describe, expect, it } from 'vitest';
import { SseChannel } from '../../functions/sse/sse-channel';
import { SseFollower } from './sse-follower';

/** A small bound so the test sends few events; the default is SSE_MAX_QUEUED_BYTES (1 MiB). */
const TEST_MAX_QUEUED_BYTES = 32 * 1024;
/** About 1 KiB of reply text per event. */
const DELTA = 'x'.repeat(1_000);
/** Bytes of one such SSE frame, with room for its `event:`/`id:` lines and JSON. */
const EVENT_BYTES = 1_100;

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('SSE write queue per reader', () => {
  it('drops a reader that never reads once its backlog passes the bound, and its stream ends', async () => {
    const channel = new SseChannel(TEST_MAX_QUEUED_BYTES);
    channel.open();
    let peak = 0;
    // Far more than the bound: 20 × as many bytes as may be held.
    for (let seq = 1; seq <= 640; seq += 1) {
      channel.send({ type: 'text-delta', delta: DELTA }, seq);
      peak = Math.max(peak, channel.queuedBytes);
      if (seq % 64 === 0) await settle();
    }
    await settle();
    expect(channel.aborted).toBe(true);
    // The bound plus the one event that passed it.
    expect(peak).toBeLessThanOrEqual(TEST_MAX_QUEUED_BYTES + EVENT_BYTES);
    expect(channel.queuedBytes).toBe(0);
    // The client's stream ends (it reconnects with Last-Event-ID and replays from the log).
    const reader = channel.body.getReader();
    const ended = (async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) return 'ended';
      }
    })().catch(() => 'ended');
    await expect(ended).resolves.toBe('ended');
  });

  it('keeps a reader that reads, however many events it gets and however big one is', async () => {
    const channel = new SseChannel(TEST_MAX_QUEUED_BYTES);
    channel.open();
    const follower = new SseFollower(new Response(channel.body));
    for (let seq = 1; seq <= 640; seq += 1) {
      channel.send({ type: 'text-delta', delta: DELTA }, seq);
      if (seq % 16 === 0) await follower.untilCount(seq);
    }
    // One event nearly twice the whole bound (a big draft; an event's text is at most
    // MAX_EVENT_TEXT_CHARS, 64,000) still reaches a reader that keeps up.
    channel.send({ type: 'text-delta', delta: 'y'.repeat(60_000) }, 641);
    void channel.close();
    const all = await follower.toEnd();
    expect(channel.aborted).toBe(false);
    expect(all.map((entry) => entry.seq)).toEqual(
      Array.from({ length: 641 }, (_, index) => index + 1),
    );
  });
});
