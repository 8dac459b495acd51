/**
 * Every contract error code has its behaviour (docs/remote-api.md), seen through the Worker:
 * 1001 → new token + one retry; 1002 → new session with the draft carried + one retry;
 * 429 → wait + one retry; 400 → new client id + retry; 2001/4001/4002/402 → plain messages;
 * a second failure after the one retry is an error event, never raw upstream JSON.
 */
import { describe, expect, it } from 'vitest';
import type { DraftEvent, StreamEvent } from '../../../shared/events-schema';
import { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';

function errors(events: StreamEvent[]): { code: string; message: string }[] {
  return events.flatMap((event) =>
    event.type === 'error' ? [{ code: event.code, message: event.message }] : [],
  );
}
function reply(events: StreamEvent[]): string | undefined {
  return events.find((event) => event.type === 'text')?.text;
}
const FIRST = 'Generate a 10-second video about "Urban Dreams" [talk]';

describe('upstream error codes', () => {
  it('1001: the token is renewed (same client id) and the turn retried once', async () => {
    const { fake, calls } = routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    await visitor.chat(session.id, FIRST);
    const [first] = [...fake.tokens.keys()];
    if (first === undefined) throw new Error('no token issued');
    fake.expireToken(first);
    const transcript = await visitor.chat(session.id, 'make it vertical [talk]');
    expect(errors(transcript.events)).toEqual([]);
    expect(reply(transcript.events)).toMatch(/vertical/);
    const tokenCalls = calls.filter((call) => call.url.endsWith('/api/auth/anonymous-token'));
    expect(tokenCalls).toHaveLength(2);
    expect(tokenCalls[0]?.headers.get('X-Client-Id')).toBe(
      tokenCalls[1]?.headers.get('X-Client-Id'),
    );
    expect(fake.tokens.size).toBe(2);
  });

  it('1001 twice: one retry only, then a plain error', async () => {
    const { fake } = routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    fake.failNext('chat', 1001, 2);
    const transcript = await visitor.chat(session.id, FIRST);
    expect(errors(transcript.events).map((e) => e.code)).toEqual(['upstream_auth']);
    expect(transcript.events.at(-1)?.type).toBe('done');
  });

  it('1002: a new upstream session gets the current draft and the turn is retried once', async () => {
    const { fake } = routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const first = await visitor.chat(session.id, FIRST);
    const before = first.events.find((event): event is DraftEvent => event.type === 'draft');
    const [lost] = [...fake.sessions.keys()];
    if (lost === undefined) throw new Error('no upstream session');
    fake.dropSession(lost);
    const transcript = await visitor.chat(session.id, 'make it vertical [talk]');
    expect(errors(transcript.events)).toEqual([]);
    expect(transcript.events).toContainEqual({
      type: 'status',
      message: 'starting a new conversation with the video service…',
    });
    expect(fake.sessions.size).toBe(1);
    const after = transcript.events.find((event): event is DraftEvent => event.type === 'draft');
    // The carried draft came back whole, with only the edit applied.
    expect(after?.draft.canvas).toEqual({ width: 1080, height: 1920, fps: 30 });
    expect(after?.draft.tracks).toEqual(before?.draft.tracks);
    expect(after?.changes).toEqual(['Canvas 1920x1080 → 1080x1920 (9:16)']);
    // The next turn uses the new session (no more recreation).
    await visitor.chat(session.id, 'title "Night Lights" [talk]');
    expect(fake.sessions.size).toBe(1);
  });

  it('1002 twice: one recreation only, then a plain error', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, `${FIRST} [error:1002]`);
    expect(errors(transcript.events).map((e) => e.code)).toEqual(['upstream_session_lost']);
  });

  it('429: waits, says so, and retries once', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, `${FIRST} [error-once:429]`);
    expect(errors(transcript.events)).toEqual([]);
    expect(
      transcript.events.some((e) => e.type === 'status' && /busy; trying again/.test(e.message)),
    ).toBe(true);
    expect(reply(transcript.events)).toMatch(/10-second draft/);
  });

  it('429 twice: a plain "busy" error', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, `${FIRST} [error:429]`);
    expect(errors(transcript.events).map((e) => e.code)).toEqual(['rate_limited']);
  });

  it('400 (missing X-Client-Id): a new client id is made and the token asked again', async () => {
    const { fake, calls } = routeUpstream();
    fake.failNext('token', 400);
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, FIRST);
    expect(errors(transcript.events)).toEqual([]);
    const ids = calls
      .filter((call) => call.url.endsWith('/anonymous-token'))
      .map((call) => call.headers.get('X-Client-Id'));
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('2001: an anonymous visitor is offered the registration link with ?bind=', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, `${FIRST} [error:2001]`);
    const [error] = errors(transcript.events);
    expect(error?.code).toBe('out_of_credits');
    expect(error?.message).toMatch(
      /Register to keep going: https:\/\/nemovideo\.ai\/\?bind=[0-9a-f-]{36}$/,
    );
  });

  it.each([
    [
      4001,
      'unsupported_file',
      /not supported\. Accepted: mp4, mov, avi, webm, mkv, jpg, png, gif, webp, mp3, wav, m4a, aac\./,
    ],
    [4002, 'file_too_large', /larger than 500 MB\. Compress it or trim it/],
    [402, 'plan_blocks_export', /free plan\. This is the plan, not your credits/],
  ])('%i: a plain message (%s)', async (code, ourCode, message) => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, `${FIRST} [error:${code}]`);
    const [error] = errors(transcript.events);
    expect(error?.code).toBe(ourCode);
    expect(error?.message).toMatch(message);
    expect(JSON.stringify(transcript.events)).not.toMatch(
      /"code":\s*\d|insufficient|unsupported file type/,
    );
  });

  it('0: success answers carry on (a normal turn has no error)', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(session.id, FIRST);
    expect(errors(transcript.events)).toEqual([]);
  });
});
