/**
 * `npm run deploy` against a fake Cloudflare API (the real one cannot be reached from here):
 * wrangler is the real, pinned one, pointed at the fake with `CLOUDFLARE_API_BASE_URL`, which
 * answers in the API's envelope (`{success, errors, messages, result}`) with its error codes
 * (10007 Worker not found, 10006 bucket not found). Needs `dist/` (built by `npm test` first).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const GOOD_SECRET = 'a'.repeat(20) + 'b'.repeat(20);

/** What the fake account holds; each test sets it. */
let account: { workerSecrets: string[] | null; buckets: Set<string> };
const requests: string[] = [];

function envelope(result: unknown) {
  return JSON.stringify({ success: true, errors: [], messages: [], result });
}
function apiError(code: number, message: string) {
  return JSON.stringify({
    success: false,
    errors: [{ code, message }],
    messages: [],
    result: null,
  });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://fake');
  requests.push(`${req.method} ${url.pathname}`);
  res.setHeader('content-type', 'application/json');
  req.resume();
  req.on('end', () => {
    const secrets = url.pathname.match(/\/workers\/scripts\/([^/]+)\/secrets$/);
    if (secrets && req.method === 'GET') {
      if (account.workerSecrets === null) {
        res.statusCode = 404;
        return res.end(apiError(10007, 'workers.api.error.script_not_found'));
      }
      return res.end(
        envelope(account.workerSecrets.map((name) => ({ name, type: 'secret_text' }))),
      );
    }
    const bucket = url.pathname.match(/\/r2\/buckets\/([^/]+)$/);
    if (bucket?.[1] && req.method === 'GET') {
      if (account.buckets.has(bucket[1]))
        return res.end(
          envelope({ name: bucket[1], creation_date: '2026-12-01T00:00:00Z', location: 'weur' }),
        );
      res.statusCode = 404;
      return res.end(apiError(10006, 'The specified bucket does not exist.'));
    }
    if (url.pathname.endsWith('/r2/buckets') && req.method === 'POST') {
      account.buckets.add('reelwright-media');
      return res.end(envelope({ name: 'reelwright-media' }));
    }
    // Anything else a real deploy would call: refused, so a non-dry-run deploy stops here.
    res.statusCode = 403;
    res.end(apiError(10000, 'Authentication error'));
  });
});

let apiBase = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function deploy(...args: string[]): Promise<{ status: number; output: string }> {
  const child = spawn(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    ['scripts/deploy/deploy.ts', '--no-build', ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        CLOUDFLARE_API_BASE_URL: apiBase,
        CLOUDFLARE_API_TOKEN: 'fake-token',
        CLOUDFLARE_ACCOUNT_ID: 'fake-account',
      },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ status: code ?? 1, output })),
  );
}

function secretsFile(contents: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'reelwright-secrets-')), 'secrets.env');
  writeFileSync(file, contents);
  return file;
}

describe('npm run deploy', () => {
  it('refuses a Worker that does not exist yet and has no secrets, before touching R2', async () => {
    account = { workerSecrets: null, buckets: new Set() };
    requests.length = 0;
    const run = await deploy('--dry-run');
    expect(run.status).toBe(1);
    expect(run.output).toContain(
      'Refusing to deploy: the secret VISITOR_SECRET is not set for "reelwright"',
    );
    expect(run.output).toContain('wrangler secret put VISITOR_SECRET');
    expect(requests.some((r) => r.includes('/r2/'))).toBe(false);
  }, 60_000);

  it('refuses a secrets file whose VISITOR_SECRET is too short', async () => {
    account = { workerSecrets: null, buckets: new Set(['reelwright-media']) };
    const run = await deploy('--dry-run', '--secrets-file', secretsFile('VISITOR_SECRET=short\n'));
    expect(run.status).toBe(1);
    expect(run.output).toContain('VISITOR_SECRET in');
    expect(run.output).toContain('is too short');
  }, 60_000);

  it('with the secret set, a dry run names the missing bucket, bundles and reports the sizes', async () => {
    account = { workerSecrets: ['VISITOR_SECRET'], buckets: new Set() };
    requests.length = 0;
    const run = await deploy('--dry-run');
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain('would create the R2 bucket reelwright-media');
    expect(run.output).toMatch(/Worker: [\d.]+ KiB, [\d.]+ KiB gzipped \([\d.]+ % of Free's 3 MB/);
    expect(run.output).toContain('✔ dry run: deployable; nothing was uploaded.');
    expect(requests).not.toContain('POST /client/v4/accounts/fake-account/r2/buckets');
  }, 60_000);

  it('a real deploy creates the missing bucket, and says so when the upload is refused', async () => {
    account = { workerSecrets: null, buckets: new Set() };
    requests.length = 0;
    const run = await deploy('--secrets-file', secretsFile(`VISITOR_SECRET=${GOOD_SECRET}\n`));
    expect(requests).toContain('POST /client/v4/accounts/fake-account/r2/buckets');
    expect(account.buckets.has('reelwright-media')).toBe(true);
    expect(run.status).toBe(1);
    expect(run.output).toContain('wrangler deploy failed');
  }, 60_000);
});
