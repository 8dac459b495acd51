/**
 * `POST /api/renders` with an API key: a prompt, a draft or a Shotstack edit becomes a queued
 * render job (nothing renders it until a worker does), read back with the same key, paid with
 * the visitor's credits like an export; every refusal has its status, code and field.
 */
import { describe, expect, it } from 'vitest';
import { creditsSchema, renderJobInfoSchema } from '../../shared/api-schema';
import type { RenderJobInfo } from '../../shared/api-schema';
import { apiFetch, createApiKey, postRender } from './api-key-client';
import { Visitor, readError } from './visitor-client';

const PROMPT = 'Generate a 10-second explainer video about solar panels for homeowners';

async function keyedVisitor(): Promise<{ visitor: Visitor; key: string }> {
  const visitor = new Visitor();
  await visitor.createSession();
  return { visitor, key: (await createApiKey(visitor)).key };
}

async function created(response: Response): Promise<RenderJobInfo> {
  if (response.status !== 201)
    throw new Error(`render: ${response.status} ${await response.text()}`);
  return renderJobInfoSchema.parse(await response.json());
}

const SHOTSTACK_EDIT = {
  timeline: {
    soundtrack: { src: 'reelwright:music/upbeat' },
    tracks: [
      { clips: [{ asset: { type: 'title', text: 'Big sale' }, start: 0, length: 4 }] },
      {
        clips: [
          { asset: { type: 'text', text: 'Opening' }, start: 0, length: 5 },
          {
            asset: { type: 'text', text: 'Closing' },
            start: 5,
            length: 5,
            transition: { in: 'fade' },
          },
        ],
      },
    ],
  },
  output: { format: 'mp4', resolution: '1080', aspectRatio: '1:1' },
};

/** A refused body: what it is, the body, the HTTP status, the error code, words the message has. */
type Refusal = [string, unknown, number, string, string];

/** Webhook targets on this machine or a private network (functions/http/callback-url.ts). */
const PRIVATE_CALLBACK_URLS = [
  ['a callbackUrl at localhost over https', 'https://localhost:8443/hook'],
  ['a callbackUrl at the cloud metadata address', 'https://169.254.169.254/latest/meta-data'],
  ['a callbackUrl at a private IPv4 address', 'https://10.0.0.7/hook'],
  ['a callbackUrl at a loopback IPv4 shorthand', 'https://0x7f.1/hook'],
  ['a callbackUrl at an IPv4-mapped loopback IPv6 address', 'https://[::ffff:127.0.0.1]/hook'],
  ['a callbackUrl at a unique-local IPv6 address', 'https://[fd12:3456::1]/hook'],
] as const;

describe('POST /api/renders', () => {
  it('plans a prompt with the director and queues its render, readable with the key', async () => {
    const { visitor, key } = await keyedVisitor();
    const job = await created(await postRender(key, { prompt: PROMPT }));
    expect(job).toMatchObject({ status: 'queued', renderer: 'browser', framesDone: 0 });
    expect(job.draft.durationMs).toBe(10_000);
    expect(job.costCredits).toBe(2);

    const read = await apiFetch(key, `/api/renders/${job.id}`);
    expect(read.status).toBe(200);
    expect(renderJobInfoSchema.parse(await read.json()).status).toBe('queued');
    // Its session is the visitor's, with the draft: the app can open and edit it.
    const session = await visitor.fetch(`/api/sessions/${job.sessionId}`);
    expect(session.status).toBe(200);
    const credits = creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
    expect(credits).toEqual({ available: 98, frozen: 2, total: 100 });
  });

  it('renders a draft as sent, and a Shotstack edit mapped onto a draft', async () => {
    const { visitor, key } = await keyedVisitor();
    const first = await created(await postRender(key, { prompt: PROMPT }));
    const fromDraft = await created(await postRender(key, { draft: first.draft }));
    expect(fromDraft.draft).toEqual(first.draft);
    expect(fromDraft.sessionId).not.toBe(first.sessionId);

    const fromEdit = await created(await postRender(key, { shotstack: SHOTSTACK_EDIT }));
    expect(fromEdit.draft.canvas).toEqual({ width: 1080, height: 1080, fps: 30 });
    expect(fromEdit.draft.durationMs).toBe(10_000);
    const texts = fromEdit.draft.tracks.flatMap((t) => (t.kind === 'text' ? t.segments : []));
    expect(texts.map((s) => s.text)).toEqual(['Opening', 'Closing', 'Big sale']);
    const listed = await visitor.fetch('/api/renders');
    const ids = ((await listed.json()) as { renders: { id: string }[] }).renders.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([first.id, fromDraft.id, fromEdit.id]));
  });

  it("answers another visitor's render as not found", async () => {
    const { key } = await keyedVisitor();
    const other = await keyedVisitor();
    const job = await created(await postRender(other.key, { prompt: PROMPT }));
    const read = await apiFetch(key, `/api/renders/${job.id}`);
    expect(read.status).toBe(404);
    expect((await readError(read)).code).toBe('not_found');
  });

  it('refuses without a key or cookie, and with a revoked key', async () => {
    const none = await postRender(null, { prompt: PROMPT });
    expect(none.status).toBe(401);
    expect((await readError(none)).code).toBe('api_key_required');
    const { visitor, key } = await keyedVisitor();
    const list = (await (await visitor.fetch('/api/api-keys')).json()) as {
      apiKeys: { id: string }[];
    };
    await visitor.fetch(`/api/api-keys/${list.apiKeys[0]?.id}`, { method: 'DELETE' });
    const revoked = await postRender(key, { prompt: PROMPT });
    expect(revoked.status).toBe(401);
    expect((await readError(revoked)).code).toBe('api_key_invalid');
  });

  it.each<Refusal>([
    ['no kind', { callbackUrl: 'https://x.test/' }, 400, 'invalid_body', 'exactly one'],
    ['two kinds', { prompt: 'a', draft: {} }, 400, 'invalid_body', 'exactly one'],
    ['a bad draft', { draft: { title: 'x', durationMs: 5 } }, 400, 'invalid_body', 'draft.canvas'],
    ['an empty prompt', { prompt: '  ' }, 400, 'invalid_body', 'prompt'],
    [
      'an unsupported Shotstack field',
      { shotstack: { ...SHOTSTACK_EDIT, merge: [{ find: 'A', replace: 'B' }] } },
      400,
      'shotstack_unsupported',
      'shotstack.merge',
    ],
    [
      'a remote Shotstack video',
      {
        shotstack: {
          timeline: {
            tracks: [
              {
                clips: [
                  { asset: { type: 'video', src: 'https://x.test/a.mp4' }, start: 0, length: 3 },
                ],
              },
            ],
          },
          output: { format: 'mp4', resolution: 'hd' },
        },
      },
      400,
      'remote_media_refused',
      'shotstack.timeline.tracks.0.clips.0.asset',
    ],
    [
      'an http callbackUrl',
      { prompt: PROMPT, callbackUrl: 'http://hooks.test/x' },
      400,
      'invalid_callback_url',
      'https',
    ],
    [
      'a callbackUrl with a password',
      { prompt: PROMPT, callbackUrl: 'https://a:b@hooks.test/' },
      400,
      'invalid_callback_url',
      'password',
    ],
    [
      'a relative callbackUrl',
      { prompt: PROMPT, callbackUrl: '/hook' },
      400,
      'invalid_callback_url',
      'absolute',
    ],
    ...PRIVATE_CALLBACK_URLS.map(
      ([what, callbackUrl]): Refusal => [
        what,
        { prompt: PROMPT, callbackUrl },
        400,
        'invalid_callback_url',
        'private network',
      ],
    ),
    [
      'an overlong callbackUrl',
      { prompt: PROMPT, callbackUrl: `https://hooks.test/${'a'.repeat(2_048)}` },
      400,
      'invalid_body',
      'callbackUrl',
    ],
  ])('refuses %s', async (_what, body, status, code, words) => {
    const { key } = await keyedVisitor();
    const response = await postRender(key, body);
    expect(response.status).toBe(status);
    const error = await readError(response);
    expect(error.code).toBe(code);
    expect(error.message).toContain(words);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const { key } = await keyedVisitor();
    const response = await postRender(key, { prompt: 'x'.repeat(1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect((await readError(response)).code).toBe('payload_too_large');
  });

  it('allows http://localhost callbacks only while WEBHOOK_ALLOW_HTTP_LOCALHOST is set', async () => {
    const { key } = await keyedVisitor();
    const body = { prompt: PROMPT, callbackUrl: 'http://127.0.0.1:9/hook' };
    expect((await postRender(key, body)).status).toBe(400);
    expect((await postRender(key, body, { WEBHOOK_ALLOW_HTTP_LOCALHOST: '1' })).status).toBe(201);
  });

  it('refuses a callbackUrl without an API key (its secret signs the webhook)', async () => {
    const visitor = new Visitor();
    await visitor.createSession();
    const response = await visitor.post('/api/renders', {
      prompt: PROMPT,
      callbackUrl: 'https://hooks.test/',
    });
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe('callback_needs_api_key');
  });

  it('limits renders per key per hour with 429 and Retry-After', async () => {
    const { key } = await keyedVisitor();
    const vars = { API_RENDERS_PER_KEY_PER_HOUR: '1' };
    await created(await postRender(key, { prompt: PROMPT }, vars));
    const second = await postRender(key, { prompt: PROMPT }, vars);
    expect(second.status).toBe(429);
    expect(second.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect((await readError(second)).code).toBe('api_rate_limited');
  });

  it('refuses a render the credits cannot pay with 402, freezing nothing', async () => {
    const { visitor, key } = await keyedVisitor();
    const first = await created(await postRender(key, { prompt: PROMPT }));
    const tenMinutes = { ...first.draft, durationMs: 600_000 };
    const response = await postRender(key, { draft: tenMinutes });
    expect(response.status).toBe(402);
    expect((await readError(response)).code).toBe('out_of_credits');
    const credits = creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
    expect(credits.frozen).toBe(first.costCredits);
  });
});
