/**
 * The SSE channel writes `retry:` first, `: keepalive` comments while open, and events with
 * `event:`/`id:`/`data:` lines, then ends when closed.
 */
import { describe, expect, it } from 'vitest';
import { SSE_KEEPALIVE_MS, SseChannel, formatSseFrame } from '../../functions/sse/sse-channel';
import { readSse } from './visitor-client';

describe('sse channel', () => {
  it('sends retry, keepalive comments while idle, events with ids, then ends', async () => {
    expect(SSE_KEEPALIVE_MS).toBe(15_000);
    const channel = new SseChannel();
    const reading = readSse(new Response(channel.body));
    channel.open(40);
    channel.send({ type: 'status', message: 'planning scenes…' }, 7);
    await new Promise((resolve) => setTimeout(resolve, 130));
    channel.send({ type: 'done' }, 8);
    await channel.close();
    const transcript = await reading;
    expect(transcript.retry).toBe(3000);
    expect(
      transcript.comments.filter((comment) => comment.trim() === 'keepalive').length,
    ).toBeGreaterThanOrEqual(2);
    expect(transcript.frames.map((frame) => [frame.id, frame.event])).toEqual([
      ['7', 'status'],
      ['8', 'done'],
    ]);
  });

  it('drops writes once the reader is gone, without throwing', async () => {
    const channel = new SseChannel();
    channel.open(1_000);
    await channel.body.cancel();
    channel.send({ type: 'done' }, 1);
    await channel.close();
    expect(channel.aborted).toBe(true);
  });

  it('formats a frame with one data line per line', () => {
    expect(formatSseFrame('text', 'a\nb', 3)).toBe('event: text\nid: 3\ndata: a\ndata: b\n\n');
  });
});
