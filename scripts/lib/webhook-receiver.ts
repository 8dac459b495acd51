/**
 * @module webhook-receiver (test and bench support)
 * A server on 127.0.0.1 that keeps every POST it gets (the render API's webhooks,
 * docs/http-api.md "Webhooks"), answers 200, and checks a delivery's `Reelwright-Signature`
 * (`t=<ms>,v1=<hex HMAC-SHA256 of "t.body">` with the key's webhook secret) as a receiver would.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got: its raw body and signature header. */
export interface WebhookDelivery {
  body: string;
  signature: string;
}

/** The running receiver. */
export interface WebhookReceiver {
  /** Where to send webhooks (`http://127.0.0.1:<port>/hook`). */
  url: string;
  /** Resolves with the first delivery whose JSON body has `id`; rejects after `timeoutMs`. */
  delivery(id: string, timeoutMs: number): Promise<WebhookDelivery>;
  close(): Promise<void>;
}

/** How often {@link WebhookReceiver.delivery} looks at what arrived, ms. */
const POLL_MS = 100;

/** True when `signature` signs `body` with `secret` (the scheme of docs/http-api.md). */
export function signatureVerifies(body: string, signature: string, secret: string): boolean {
  const parts = Object.fromEntries(signature.split(',').map((part) => part.split('=')));
  if (typeof parts.t !== 'string' || typeof parts.v1 !== 'string') return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Starts a receiver on a free port of 127.0.0.1. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const got: WebhookDelivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      got.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(request.headers['reelwright-signature'] ?? ''),
      });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    async delivery(id, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = got.find((d) => (JSON.parse(d.body) as { id?: unknown }).id === id);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no webhook for render ${id} in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
