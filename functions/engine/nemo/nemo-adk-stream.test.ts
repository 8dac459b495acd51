import { describe, expect, it } from 'vitest';
import { classifyFrame, readAdkStream, StreamTimeoutError } from './nemo-adk-stream';
import type { AdkFrame, AdkStreamEnd } from './nemo-adk-stream';

function body(chunks: string[], hang = false): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!hang) controller.close();
    },
  });
}

async function collect(
  stream: ReadableStream<Uint8Array>,
  idleTimeoutMs = 1_000,
): Promise<{ frames: AdkFrame[]; end: AdkStreamEnd }> {
  const frames: AdkFrame[] = [];
  const iterator = readAdkStream(stream, { idleTimeoutMs, maxMs: 10_000 });
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return { frames, end: next.value };
    frames.push(next.value);
  }
}

const event = JSON.stringify({
  id: 'a',
  content: { role: 'model', parts: [{ text: 'hi' }] },
  partial: true,
});

describe('ADK stream reader', () => {
  it('reads frames split across chunks at any byte', async () => {
    const whole = `data: ${event}\n\ndata:\n\ndata: {"error":"boom"}\n\n`;
    const chunks = whole.match(/.{1,7}/gs) ?? [];
    const { frames, end } = await collect(body(chunks));
    expect(end).toBe('complete');
    expect(frames.map((frame) => frame.kind)).toEqual(['event', 'heartbeat', 'error']);
  });

  it('reports a stream cut inside a frame as cut, without the half frame', async () => {
    const { frames, end } = await collect(
      body([`data: ${event}\n\n`, 'data: {"id":"b","content":{"parts":[{"te']),
    );
    expect(end).toBe('cut');
    expect(frames).toHaveLength(1);
  });

  it('stops a silent stream after the idle timeout', async () => {
    await expect(collect(body([`data: ${event}\n\n`], true), 50)).rejects.toBeInstanceOf(
      StreamTimeoutError,
    );
  });

  it('stops a stream that keeps sending heartbeats past its cap (15 min in production)', async () => {
    const encoder = new TextEncoder();
    let timer: ReturnType<typeof setInterval> | undefined;
    const beating = new ReadableStream<Uint8Array>({
      start(controller) {
        timer = setInterval(() => controller.enqueue(encoder.encode('data:\n\n')), 10);
      },
      cancel() {
        clearInterval(timer);
      },
    });
    const iterator = readAdkStream(beating, { idleTimeoutMs: 1_000, maxMs: 80 });
    const error = await (async () => {
      for (;;) if ((await iterator.next()).done === true) return null;
    })().catch((caught: unknown) => caught);
    clearInterval(timer);
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(error).toMatchObject({ reason: 'max' });
  });

  it('classifies content-less events as heartbeats, non-events as invalid, non-JSON as unreadable', () => {
    expect(classifyFrame('{"id":"x","author":"a","actions":{}}')).toEqual({ kind: 'heartbeat' });
    expect(classifyFrame('{"content":{"parts":"no"}}').kind).toBe('invalid');
    expect(classifyFrame('{"error": "said "no""}').kind).toBe('unreadable');
  });

  it('while a tool runs, silence gives quiet ticks instead of the idle timeout, and no chunk is lost', async () => {
    const encoder = new TextEncoder();
    const late = new ReadableStream<Uint8Array>({
      async start(controller) {
        await new Promise((resolve) => setTimeout(resolve, 120));
        controller.enqueue(encoder.encode(`data: ${event}\n\n`));
        controller.close();
      },
    });
    const frames: AdkFrame[] = [];
    const iterator = readAdkStream(late, {
      idleTimeoutMs: 40,
      maxMs: 10_000,
      toolRunning: () => true,
      quietTickMs: 20,
    });
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) break;
      frames.push(next.value);
    }
    expect(frames.filter((frame) => frame.kind === 'quiet').length).toBeGreaterThanOrEqual(3);
    expect(frames.at(-1)?.kind).toBe('event');
  });
});
