/**
 * A render made with `callbackUrl` POSTs one signed webhook when it completes or fails, from
 * its RenderJob's alarm; the signature verifies with the key's webhook secret; a receiver that
 * answers 500 is tried again (by alarm, after the backoff) and the attempts are recorded.
 */
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { renderJob } from '../../functions/durable/durable-stubs';
import { WEBHOOK_FIRST_RETRY_MS } from '../../functions/durable/render-webhook';
import { renderJobInfoSchema } from '../../shared/api-schema';
import type { RenderJobInfo } from '../../shared/api-schema';
import { createApiKey, postRender } from './api-key-client';
import { routeOrigin } from './route-origin';
import { Visitor, renderMp4 } from './visitor-client';

const HOOKS = 'https://hooks.test';
const PROMPT = 'Generate a 10-second explainer video about solar panels for homeowners';

/** What the receiver got: read inside the request's own context (a Durable Object's). */
interface Received {
  url: string;
  method: string;
  signature: string;
  body: string;
}

/** A webhook receiver: records each request and answers with the next status of `statuses`. */
function receiver(statuses: number[]): Received[] {
  const received: Received[] = [];
  routeOrigin(HOOKS, async (request) => {
    const signature = request.headers.get('Reelwright-Signature') ?? '';
    const body = await request.text();
    received.push({ url: request.url, method: request.method, signature, body });
    return new Response('ok?', { status: statuses[received.length - 1] ?? 200 });
  });
  return received;
}

/** Verifies `Reelwright-Signature: t=…,v1=…` over `${t}.${body}` as a receiver would (docs/http-api.md). */
async function verify(secret: string, header: string, body: string): Promise<boolean> {
  const parts = Object.fromEntries(
    header.split(',').map((part) => part.split('=') as [string, string]),
  );
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const mac = Uint8Array.from((parts.v1 ?? '').match(/../g) ?? [], (hex) =>
    Number.parseInt(hex, 16),
  );
  return crypto.subtle.verify('HMAC', key, mac, new TextEncoder().encode(`${parts.t}.${body}`));
}

async function renderWithHook(): Promise<{ visitor: Visitor; job: RenderJobInfo; secret: string }> {
  const visitor = new Visitor();
  await visitor.createSession();
  const created = await createApiKey(visitor);
  const response = await postRender(created.key, {
    prompt: PROMPT,
    callbackUrl: `${HOOKS}/reelwright`,
  });
  expect(response.status).toBe(201);
  const job = renderJobInfoSchema.parse(await response.json());
  return { visitor, job, secret: created.webhookSecret };
}

/**
 * Runs the job's alarm if one is set (workerd may be running it already), then waits until the
 * receiver holds `count` requests.
 */
async function runAlarm(renderId: string, received: Received[], count: number): Promise<void> {
  await runDurableObjectAlarm(renderJob(env, renderId));
  await vi.waitFor(() => expect(received).toHaveLength(count), { timeout: 5_000 });
}

describe('render API webhooks', () => {
  it('POSTs a signed webhook once the render is completed', async () => {
    const received = receiver([200]);
    const { visitor, job, secret } = await renderWithHook();
    expect(received).toHaveLength(0);
    const stored = await visitor.storeRender(job.id, renderMp4(job.draft.durationMs));
    expect(stored.status).toBe(200);
    await runAlarm(job.id, received, 1);
    const request = received[0] as Received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${HOOKS}/reelwright`);
    expect(JSON.parse(request.body)).toMatchObject({
      id: job.id,
      status: 'completed',
      renderUrl: `https://reelwright.test/api/renders/${job.id}`,
      error: null,
      durationMs: 10_000,
      sizeBytes: expect.any(Number),
    });
    expect(request.signature).toMatch(/^t=\d{13},v1=[0-9a-f]{64}$/);
    expect(await verify(secret, request.signature, request.body)).toBe(true);
    expect(
      await verify(secret, request.signature, request.body.replace('completed', 'failed')),
    ).toBe(false);
    // Delivered: nothing more is sent.
    await runAlarm(job.id, received, 1);
  });

  it('POSTs failed with the error when the render fails', async () => {
    const received = receiver([204]);
    const { visitor, job, secret } = await renderWithHook();
    const failed = await visitor.post(`/api/renders/${job.id}/fail`, { message: 'GPU melted' });
    expect(failed.status).toBe(200);
    await runAlarm(job.id, received, 1);
    const request = received[0] as Received;
    expect(JSON.parse(request.body)).toMatchObject({
      id: job.id,
      status: 'failed',
      error: 'GPU melted',
    });
    expect(await verify(secret, request.signature, request.body)).toBe(true);
  });

  it('tries a receiver that answers 500 again after the backoff, and records each attempt', async () => {
    const received = receiver([500, 500, 200]);
    const { visitor, job } = await renderWithHook();
    await visitor.storeRender(job.id, renderMp4(job.draft.durationMs));
    await runAlarm(job.id, received, 1);
    const stub = renderJob(env, job.id);
    await vi.waitFor(async () => {
      const first = await stub.webhookDelivery(visitor.id);
      expect(first.ok && first.value).toMatchObject({
        attempts: 1,
        lastStatus: 500,
        deliveredAtMs: null,
      });
    });
    const first = await stub.webhookDelivery(visitor.id);
    if (!first.ok || first.value === null) throw new Error('no webhook record');
    const dueIn = (first.value.nextAtMs ?? 0) - Date.now();
    expect(dueIn).toBeGreaterThan(WEBHOOK_FIRST_RETRY_MS - 5_000);
    expect(await runInDurableObject(stub, (_i, state) => state.storage.getAlarm())).toBe(
      first.value.nextAtMs,
    );
    // Not due yet: an early alarm sends nothing.
    await runAlarm(job.id, received, 1);
    for (const expected of [2, 3]) {
      // The backoff has passed (the test moves the due time, not the clock).
      await runInDurableObject(stub, async (_i, state) => {
        state.storage.sql.exec(
          'UPDATE webhook SET next_at_ms = ? WHERE next_at_ms IS NOT NULL',
          Date.now(),
        );
        await state.storage.setAlarm(Date.now());
      });
      await runAlarm(job.id, received, expected);
      await vi.waitFor(async () => {
        const delivery = await stub.webhookDelivery(visitor.id);
        expect(delivery.ok && delivery.value?.attempts).toBe(expected);
        expect(delivery.ok && delivery.value?.lastStatus).not.toBeNull();
      });
    }
    const last = await stub.webhookDelivery(visitor.id);
    expect(last.ok && last.value).toMatchObject({
      attempts: 3,
      lastStatus: 200,
      nextAtMs: null,
      deliveredAtMs: expect.any(Number),
    });
    expect(new Set(received.map((request) => JSON.parse(request.body).id))).toEqual(
      new Set([job.id]),
    );
  });

  it('gives up after 5 attempts', async () => {
    const received = receiver([500, 500, 500, 500, 500, 500]);
    const { visitor, job } = await renderWithHook();
    await visitor.storeRender(job.id, renderMp4(job.draft.durationMs));
    await runAlarm(job.id, received, 1);
    const stub = renderJob(env, job.id);
    for (let attempt = 2; attempt <= 6; attempt += 1) {
      await vi.waitFor(async () => {
        const delivery = await stub.webhookDelivery(visitor.id);
        expect(delivery.ok && delivery.value?.lastStatus).toBe(500);
        expect(delivery.ok && delivery.value?.attempts).toBe(Math.min(attempt - 1, 5));
      });
      await runInDurableObject(stub, async (_i, state) => {
        state.storage.sql.exec(
          'UPDATE webhook SET next_at_ms = ? WHERE next_at_ms IS NOT NULL',
          Date.now(),
        );
        await state.storage.setAlarm(Date.now());
      });
      await runAlarm(job.id, received, Math.min(attempt, 5));
    }
    const last = await stub.webhookDelivery(visitor.id);
    expect(last.ok && last.value).toMatchObject({
      attempts: 5,
      nextAtMs: null,
      deliveredAtMs: null,
      lastStatus: 500,
    });
  });
});
