/**
 * The language-model director does not wait for the session's uploads to be listed (R2) before
 * it asks the model: it starts from the previous turn's list and holds its events until the
 * list is in; when the uploads changed meanwhile, it asks again with them, and the turn's events
 * are those of that one run only. Through the Worker, a turn after an upload still prompts the
 * model with that upload, and a later turn's model is asked while R2 still lists the uploads.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../functions/engine/engine';
import { readDirectorConfig } from '../../../functions/engine/llm/llm-config';
import { LlmDirector } from '../../../functions/engine/llm/llm-director';
import type { MediaSummary } from '../../../shared/media-schema';
import { JPEG_HEAD, PHOTO_INFO } from '../photo-upload-fixture';
import { Visitor } from '../visitor-client';
import { routeLlm } from './route-llm';

const PROMPT = 'A video about rock pools [llm:plan]';

const BEACH: MediaSummary = {
  id: '5b0a3f0e-8d1c-4d3e-9a53-2f4f5a9c1b7e',
  name: 'beach-at-dawn.jpg',
  kind: 'image',
  durationMs: null,
  width: 1920,
  height: 1080,
  hasAudio: false,
};

/** A director of the project's model, without typing pauses. */
function director(): LlmDirector {
  const config = readDirectorConfig({ ...env });
  if (config.director !== 'llm') throw new Error('the workers-llm project sets DIRECTOR=llm');
  return new LlmDirector(config.llm, 0);
}

/** A promise and the function that resolves it. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** The system text of the model's request `index`. */
function systemOf(fake: ReturnType<typeof routeLlm>, index: number): string {
  const messages = fake.requests[index]?.body.messages ?? [];
  return JSON.stringify(messages.filter((message) => message.role === 'system'));
}

/**
 * Starts a director turn (no uploads last turn) whose uploads list resolves only by `list`, and
 * asks for its first event; `state.emitted` turns true once that event came out.
 */
function startTurn() {
  const fake = routeLlm();
  const listed = deferred<MediaSummary[]>();
  const turn = director().chat({
    text: PROMPT,
    draft: null,
    history: [],
    previousDrafts: [],
    media: [],
    mediaNow: listed.promise,
  });
  const iterator = turn[Symbol.asyncIterator]();
  const state = { emitted: false };
  const first = iterator.next().then((result) => {
    state.emitted = true;
    return result;
  });
  /** Lists `media`, then reads the turn to its end. */
  async function list(media: MediaSummary[]): Promise<EngineEvent[]> {
    listed.resolve(media);
    const events: EngineEvent[] = [];
    for (let next = await first; next.done !== true; next = await iterator.next())
      events.push(next.value);
    return events;
  }
  return { fake, state, list };
}

describe('the language-model director and the uploads list', () => {
  it('asks the model before the uploads are listed and emits nothing until they are', async () => {
    const { fake, state, list } = startTurn();
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    // The fake answers at once (frameMs 0): its whole reply is in, yet nothing may come out.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.emitted).toBe(false);

    const events = await list([]);
    expect(fake.requests).toHaveLength(1);
    expect(events.filter((event) => event.type === 'text')).toHaveLength(1);
    expect(events.some((event) => event.type === 'draft')).toBe(true);
  });

  it('asks again with the listed uploads when they changed, and emits only that run', async () => {
    const { fake, list } = startTurn();
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    expect(systemOf(fake, 0)).toContain('Uploads: none');

    const events = await list([BEACH]);
    expect(fake.requests).toHaveLength(2);
    expect(systemOf(fake, 1)).toContain(BEACH.id);
    expect(systemOf(fake, 1)).toContain(BEACH.name);
    const text = events.filter((event) => event.type === 'text');
    expect(text).toHaveLength(1);
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []));
    expect(deltas.join('')).toBe('Here is a plan about tide pools.');
    expect(events.filter((event) => event.type === 'draft')).toHaveLength(1);
  });

  it('asks the model of a later turn while R2 still lists the uploads', async () => {
    const fake = routeLlm();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    await visitor.chat(session.id, PROMPT);
    expect(fake.requests).toHaveLength(1);

    // The room's R2 listing waits until released (the spy covers the room: same isolate).
    const listing = deferred<void>();
    const bucket = Object.getPrototypeOf(env.MEDIA) as R2Bucket;
    const list = bucket.list;
    vi.spyOn(bucket, 'list').mockImplementation(async function (this: R2Bucket, options) {
      await listing.promise;
      return list.call(this, options);
    });
    const turn = visitor.chat(session.id, 'vertical please [llm:edits]');
    await vi.waitFor(() => expect(fake.requests).toHaveLength(2), { timeout: 10_000 });
    listing.resolve();
    const transcript = await turn;
    expect(transcript.events.filter((event) => event.type === 'text')).toHaveLength(1);
    expect(transcript.events.filter((event) => event.type === 'draft')).toHaveLength(1);
    expect(transcript.events.at(-1)?.type).toBe('done');
  });

  it('prompts a turn after an upload with that upload (the room passes the new list)', async () => {
    const fake = routeLlm();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    await visitor.chat(session.id, PROMPT);
    expect(systemOf(fake, 0)).toContain('Uploads: none');

    const photo = await visitor.upload(session.id, 'beach-at-dawn.jpg', JPEG_HEAD, PHOTO_INFO);
    const turn = await visitor.chat(session.id, 'vertical please [llm:edits]');
    const last = fake.requests.length - 1;
    expect(systemOf(fake, last)).toContain(photo);
    expect(systemOf(fake, last)).toContain('beach-at-dawn.jpg');
    expect(turn.events.filter((event) => event.type === 'text')).toHaveLength(1);
    expect(turn.events.filter((event) => event.type === 'draft')).toHaveLength(1);
    expect(turn.events.at(-1)?.type).toBe('done');
  });
});
