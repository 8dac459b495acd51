/**
 * The neural voice's proxy (functions/routes/speech.ts) in workerd against the fake speech server:
 * who may call it, how much, what the endpoint's failures become, the R2 cache, and that the key
 * never reaches a browser-bound byte.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { NarrationVoice } from '../../shared/narration-schema';
import { toneWav } from '../fake-tts/fake-tts';
import { configuredTtsKey, routeTts } from './route-tts';
import { ORIGIN, Visitor, readError } from './visitor-client';

const SAME_SITE = {
  'Content-Type': 'application/json',
  Origin: ORIGIN,
  'Sec-Fetch-Site': 'same-origin',
};

async function say(
  visitor: Visitor,
  sessionId: string,
  text: string,
  speed = 1,
  voice?: NarrationVoice,
): Promise<Response> {
  return visitor.fetch(`/api/sessions/${sessionId}/speech`, {
    method: 'POST',
    headers: SAME_SITE,
    body: JSON.stringify({ text, speed, voice }),
  });
}

/** Every byte of an answer a browser would see: status line, headers and body. */
async function answerBytes(response: Response): Promise<string> {
  const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
  return `${response.status}\n${headers}\n${await response.text()}`;
}

describe('the neural voice proxy', () => {
  it('says a phrase for the session’s owner: the fake’s WAV, the key sent only to the voice', async () => {
    const fake = routeTts();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const text = `Solar panels pay for themselves ${crypto.randomUUID()}.`;
    const response = await say(visitor, session.id, text, 1.2);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('audio/wav');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(toneWav(text, 1.2));
    expect(fake.requests).toEqual([
      {
        authorization: `Bearer ${configuredTtsKey()}`,
        body: {
          model: 'fake-tts',
          input: text,
          voice: 'fake-voice',
          response_format: 'wav',
          speed: 1.2,
        },
      },
    ]);
  });

  it('asks the voice TTS_VOICES names for the narration’s gender, accent or language, else TTS_VOICE', async () => {
    const fake = routeTts();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    // vitest.config.ts: female=fake-female,en-GB-male=fake-british-male,zh=fake-chinese
    const text = `Heat pumps move heat ${crypto.randomUUID()}.`;
    for (const voice of ['en-us-female', 'en-gb-male', 'zh-male', 'en-us-male'] as const)
      expect((await say(visitor, session.id, text, 1, voice)).status).toBe(200);
    // One call per voice asked: the same words in another voice are not answered from R2…
    expect(fake.requests.map((r) => r.body.voice)).toEqual([
      'fake-female',
      'fake-british-male',
      'fake-chinese',
      'fake-voice',
    ]);
    // …and the same voice is, whichever narration voice (or none) led to it.
    const other = new Visitor();
    const otherSession = (await other.createSession()).id;
    for (const voice of [undefined, 'zh-female'] as const) {
      const again = await say(other, otherSession, text, 1, voice);
      expect(again.headers.get('X-Speech-Cache')).toBe('hit');
    }
    expect(fake.requests).toHaveLength(4);
  });

  it('refuses a narration voice it does not know, before any call', async () => {
    const fake = routeTts();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const response = await visitor.fetch(`/api/sessions/${session.id}/speech`, {
      method: 'POST',
      headers: SAME_SITE,
      body: JSON.stringify({ text: 'Hi.', speed: 1, voice: 'onyx' }),
    });
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe('invalid_body');
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps said phrases in R2 by hash: the same words again cost no call and no count', async () => {
    const fake = routeTts();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const text = `Kept once ${crypto.randomUUID()}.`;
    const first = await say(visitor, session.id, text);
    expect(first.headers.get('X-Speech-Cache')).toBe('miss');
    const firstBytes = new Uint8Array(await first.arrayBuffer());
    const other = new Visitor();
    const again = await say(other, (await other.createSession()).id, text);
    expect(again.headers.get('X-Speech-Cache')).toBe('hit');
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(firstBytes);
    expect(fake.requests).toHaveLength(1);
    const listed = await env.MEDIA.list({ prefix: 'speech/' });
    expect(listed.objects.some((o) => o.size === firstBytes.byteLength)).toBe(true);
  });

  it('refuses a stranger, another visitor’s session, a malformed id and a cross-site page', async () => {
    const fake = routeTts();
    const owner = new Visitor();
    const session = await owner.createSession();
    const intruder = new Visitor();
    await intruder.createSession();
    const stranger = new Visitor();
    for (const [visitor, id] of [
      [intruder, session.id],
      [stranger, session.id],
      [owner, 'not-a-uuid'],
    ] as const) {
      const response = await say(visitor, id, 'Hello there.');
      expect(response.status).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
    const crossSite = await owner.fetch(`/api/sessions/${session.id}/speech`, {
      method: 'POST',
      headers: { ...SAME_SITE, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      body: JSON.stringify({ text: 'Hello there.', speed: 1 }),
    });
    expect(crossSite.status).toBe(403);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a phrase too long or a speed out of range, before any call', async () => {
    const fake = routeTts();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const long = await say(visitor, session.id, 'word '.repeat(101));
    expect(long.status).toBe(400);
    expect((await readError(long)).message).toMatch(/longer than 500 characters/);
    expect((await say(visitor, session.id, 'Hi.', 9)).status).toBe(400);
    expect(fake.requests).toHaveLength(0);
  });

  it('counts calls per visitor per hour: the sixth new phrase gets 429 with Retry-After', async () => {
    routeTts();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    for (let i = 0; i < 5; i++)
      expect((await say(visitor, session.id, `Phrase ${i} ${crypto.randomUUID()}.`)).status).toBe(
        200,
      );
    const refused = await say(visitor, session.id, `One more ${crypto.randomUUID()}.`);
    expect(refused.status).toBe(429);
    expect((await readError(refused)).code).toBe('speech_rate_limited');
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const other = new Visitor();
    expect(
      (await say(other, (await other.createSession()).id, `Mine ${crypto.randomUUID()}.`)).status,
    ).toBe(200);
  });

  it.each([
    ['[tts:401]', 502, 'neural_voice_failed', /refused this server’s key/],
    ['[tts:429]', 502, 'neural_voice_failed', /busy or out of quota/],
    ['[tts:500]', 502, 'neural_voice_failed', /answered 500/],
    ['[tts:truncate]', 502, 'neural_voice_failed', /cut short/],
    ['[tts:hang]', 504, 'neural_voice_timeout', /did not answer in time/],
  ])(
    'answers the voice’s %s as %i %s in plain words, keeping nothing, leaking no key',
    async (keyword, status, code, message) => {
      routeTts();
      const visitor = new Visitor();
      const session = await visitor.createSession();
      const text = `Failing ${keyword} ${crypto.randomUUID()}.`;
      const response = await say(visitor, session.id, text);
      const bytes = await answerBytes(response.clone());
      expect(response.status).toBe(status);
      const error = await readError(response);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(bytes).not.toContain(configuredTtsKey());
      expect(bytes).not.toContain('Incorrect API key');
      // Not kept: the next try asks the voice again.
      expect((await say(visitor, session.id, text)).status).toBe(status);
    },
  );

  it('puts the key in no answer a browser gets, the audio included', async () => {
    routeTts();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const key = configuredTtsKey();
    const answers = [
      await visitor.fetch(`/api/sessions/${session.id}`),
      await say(visitor, session.id, `Leak check ${crypto.randomUUID()}.`),
      await visitor.fetch('/api/health'),
    ];
    for (const response of answers) expect(await answerBytes(response)).not.toContain(key);
  });
});
