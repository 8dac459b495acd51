/**
 * Layer rules of the Worker (`functions/`), the SPA (`web/`) and the code both share (`shared/`),
 * checked by dependency-cruiser (`npm run lint:layers`, a step of `npm test`; it finds this
 * file by its name). The layers are described in docs/architecture.md; in short, top to bottom
 * (a module may import its own layer and any layer below it, never one above):
 *
 *   1. functions/index.ts        the Worker's entry: the app and the Durable Object classes
 *   2. functions/app.ts          the Hono app: middleware and routes mounted
 *   3. functions/routes/         route modules only
 *   4. functions/middleware/,    what routes share at the HTTP edge: middleware, API errors,
 *      functions/http/,          request helpers, limits
 *      functions/quota/
 *   5. functions/durable/        the Durable Objects and their stores
 *   6. functions/engine/         the engines; what they need from a Durable Object comes in as
 *                                ports (interfaces defined in engine/, implemented in durable/)
 *   7. functions/media/,         storage and streaming helpers (R2, MP4 checks, SSE), pricing
 *      functions/sse/,
 *      functions/pricing/
 *   8. shared/                   zod schemas and pure code of both the Worker and the browser
 *
 * functions/env.ts holds only types (the bindings). It names the Durable Object classes (a
 * namespace binding is typed by its class, Cloudflare's typed RPC) and the classes are typed by
 * the env, so env.ts is for layers 1–5 only; the engine and below are handed what they need.
 * Because of that naming, a loop that passes through env.ts is the one cycle allowed: it is made
 * of type imports only, erased when compiled.
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
const ENTRY = '^functions/index\\.ts$';
const APP = '^functions/app\\.ts$';
const ROUTES = '^functions/routes/';
const EDGE = '^functions/(middleware|http|quota)/';
const DURABLE = '^functions/durable/';
const ENGINE = '^functions/engine/';
const INFRA = '^functions/(media|sse|pricing)/';
const ENV = '^functions/env\\.ts$';
const SHARED = '^shared/';

/** One path pattern matching any of `paths`. */
const anyOf = (...paths) => paths.join('|');

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycle. The only loops allowed pass through functions/env.ts, which holds types only (see the header).',
      from: {},
      to: { circular: true, viaOnly: { pathNot: ENV } },
    },
    {
      name: 'env-holds-types-only',
      severity: 'error',
      comment: 'functions/env.ts may only import types (it is erased when compiled).',
      from: { path: ENV },
      to: { dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-import-of-worker-entry',
      severity: 'error',
      comment: 'functions/index.ts is the top layer: nothing in functions/ imports it.',
      from: { path: '^functions/', pathNot: ENTRY },
      to: { path: ENTRY },
    },
    {
      name: 'no-import-of-app',
      severity: 'error',
      comment: 'functions/app.ts mounts the routes: only the Worker entry imports it.',
      from: { path: anyOf(ROUTES, EDGE, DURABLE, ENGINE, INFRA, ENV, SHARED) },
      to: { path: APP },
    },
    {
      name: 'routes-are-the-top',
      severity: 'error',
      comment: 'Only app.ts mounts routes; nothing below the routes imports one.',
      from: { path: anyOf(EDGE, DURABLE, ENGINE, INFRA, ENV, SHARED) },
      to: { path: ROUTES },
    },
    {
      name: 'edge-above-durable',
      severity: 'error',
      comment:
        'Middleware, request helpers and limits belong to the HTTP edge: Durable Objects, engines and helpers below never import them.',
      from: { path: anyOf(DURABLE, ENGINE, INFRA, ENV, SHARED) },
      to: { path: EDGE },
    },
    {
      name: 'durable-above-engine',
      severity: 'error',
      comment:
        'The engine reaches a Durable Object only through a port (an interface in functions/engine/) that the Durable Object hands it.',
      // env.ts names the Durable Object classes (type imports only, see env-holds-types-only).
      from: { path: anyOf(ENGINE, INFRA, SHARED) },
      to: { path: DURABLE },
    },
    {
      name: 'engine-above-helpers',
      severity: 'error',
      comment: 'Storage, streaming and pricing helpers never import an engine.',
      from: { path: anyOf(INFRA, ENV, SHARED) },
      to: { path: ENGINE },
    },
    {
      name: 'env-only-above-the-engine',
      severity: 'error',
      comment:
        'functions/env.ts names the Durable Object classes: the engine and the helpers below it are handed variables, buckets and ports instead.',
      from: { path: anyOf(ENGINE, INFRA, SHARED) },
      to: { path: ENV },
    },
    {
      name: 'shared-is-the-bottom',
      severity: 'error',
      comment: 'shared/ is used by the Worker and the browser: it imports neither.',
      from: { path: SHARED },
      to: { path: '^(functions|web)/' },
    },
    {
      name: 'worker-never-imports-web',
      severity: 'error',
      comment: 'functions/ runs in workerd; the browser code in web/ is not part of it.',
      from: { path: '^functions/' },
      to: { path: '^web/' },
    },
    {
      name: 'web-never-imports-worker',
      severity: 'error',
      comment: 'The browser talks to the Worker over HTTP (shared/ holds the contract), never by import.',
      from: { path: '^web/' },
      to: { path: '^functions/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    // `import type` counts: a type is a dependency too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
