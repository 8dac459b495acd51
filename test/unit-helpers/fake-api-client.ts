/**
 * @module fake-api-client
 * An in-memory {@link ApiClient} for model tests: every method fails loudly unless the test
 * gives it an implementation, and chat turns play a scripted list of events.
 */
import type { StreamEvent } from '../../shared/events-schema';
import type { ApiClient } from '../../web/app/api-client';
import type { StreamOutcome } from '../../web/app/sse-reader';

/**
 * A fake client whose chat turns emit `script` (with seqs from 1) and whose other methods are
 * taken from `overrides` or throw "not expected in this test".
 */
export function fakeApiClient(
  script: StreamEvent[],
  overrides: Partial<ApiClient> = {},
): ApiClient & { sent: string[] } {
  const sent: string[] = [];
  const unexpected = (name: string) => () =>
    Promise.reject(new Error(`${name} not expected in this test`));
  return {
    sent,
    createSession: () =>
      Promise.resolve({
        id: 's1',
        title: '',
        createdAtMs: 0,
        updatedAtMs: 0,
        version: 0,
        summary: '',
      }),
    getSession: unexpected('getSession'),
    getCredits: () => Promise.resolve({ available: 87, frozen: 0, total: 87 }),
    async streamMessage(_sessionId, text, onEvent): Promise<StreamOutcome> {
      sent.push(text);
      for (const [index, event] of script.entries()) onEvent({ event, seq: index + 1 });
      return {
        sawDone: script.some((e) => e.type === 'done'),
        lastSeq: script.length,
        invalidEvents: 0,
      };
    },
    replayEvents: unexpected('replayEvents'),
    // Follows quietly until stopped, like a live stream on which nothing happens.
    followEvents: (_sessionId, afterSeq, _onEvent, signal) =>
      new Promise<StreamOutcome>((resolve) => {
        const stop = () => resolve({ sawDone: false, lastSeq: afterSeq, invalidEvents: 0 });
        if (signal.aborted) stop();
        else signal.addEventListener('abort', stop, { once: true });
      }),
    listSessions: () => Promise.resolve([]),
    listRenders: () => Promise.resolve([]),
    listApiKeys: unexpected('listApiKeys'),
    createApiKey: unexpected('createApiKey'),
    revokeApiKey: unexpected('revokeApiKey'),
    createExport: unexpected('createExport'),
    getRender: unexpected('getRender'),
    followRender: unexpected('followRender'),
    postRenderProgress: unexpected('postRenderProgress'),
    uploadRenderFile: unexpected('uploadRenderFile'),
    failRender: unexpected('failRender'),
    getRenderChunks: unexpected('getRenderChunks'),
    putRenderChunk: unexpected('putRenderChunk'),
    putRenderAudio: unexpected('putRenderAudio'),
    getRenderChunk: unexpected('getRenderChunk'),
    getRenderAudio: unexpected('getRenderAudio'),
    ...overrides,
  };
}
