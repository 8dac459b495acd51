import { describe, expect, it } from 'vitest';
import { readEventStream } from './sse-reader';
import type { ReceivedEvent } from './sse-reader';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('readEventStream', () => {
  it('parses frames split across chunks, with ids, keepalives and retry', async () => {
    const seen: ReceivedEvent[] = [];
    const outcome = await readEventStream(
      streamOf([
        'retry: 3000\n\n: keepalive\n\nid: 7\nevent: text-delta\ndata: {"type":"text-',
        'delta","delta":"Hel"}\n\nid: 8\nevent: text\ndata: {"type":"text","text":"Hello"}\n\n',
        'id: 9\nevent: done\ndata: {"type":"done"}\n\n',
      ]),
      (received) => seen.push(received),
    );
    expect(seen.map((r) => r.event.type)).toEqual(['text-delta', 'text', 'done']);
    expect(seen[0]?.seq).toBe(7);
    expect(outcome).toEqual({ sawDone: true, lastSeq: 9, invalidEvents: 0 });
  });

  it('drops frames that do not match the schema and counts them', async () => {
    const seen: ReceivedEvent[] = [];
    const outcome = await readEventStream(
      streamOf([
        'data: {"type":"text"}\n\n',
        'data: not json\n\n',
        'data: {"type":"status","message":"planning"}\n\n',
      ]),
      (received) => seen.push(received),
    );
    expect(seen.map((r) => r.event.type)).toEqual(['status']);
    expect(outcome.invalidEvents).toBe(2);
    expect(outcome.sawDone).toBe(false);
  });

  it('decodes multi-byte characters split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: {"type":"text","text":"导出"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 32));
        controller.enqueue(bytes.slice(32));
        controller.close();
      },
    });
    const seen: ReceivedEvent[] = [];
    await readEventStream(body, (received) => seen.push(received));
    expect(seen[0]?.event).toEqual({ type: 'text', text: '导出' });
  });
});
