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
 * of type imports only, erased when compiled. The rules below are made from the LAYERS table.
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
const ENV = '^functions/env\\.ts$';
const SHARED = '^shared/';

/** The layers of functions/, top to bottom; each rule below is made from this table. */
const LAYERS = [
  { name: 'worker-entry', path: '^functions/index\\.ts$', what: 'the Worker entry' },
  { name: 'app', path: '^functions/app\\.ts$', what: 'the app that mounts the routes' },
  { name: 'routes', path: '^functions/routes/', what: 'a route module' },
  { name: 'mcp', path: '^functions/mcp/', what: 'the MCP server of /mcp' },
  {
    name: 'http-edge',
    path: '^functions/(middleware|http|quota|signing)/',
    what: 'the HTTP edge (middleware, API errors, request helpers, limits, signatures)',
  },
  { name: 'durable', path: '^functions/durable/', what: 'a Durable Object module' },
  { name: 'engine', path: '^functions/engine/', what: 'an engine module' },
  {
    name: 'helpers',
    path: '^functions/(media|sse|pricing)/',
    what: 'a storage, streaming or pricing helper',
  },
];

/** One path pattern matching any of `paths`. */
const anyOf = (...paths) => paths.join('|');
/** The path pattern of the layer named `name`. */
const layerPath = (name) => LAYERS.find((layer) => layer.name === name).path;
/** The path pattern of every layer below the one named `name`. */
const below = (name) =>
  anyOf(...LAYERS.slice(LAYERS.findIndex((layer) => layer.name === name) + 1).map((l) => l.path));

/** For each layer: no module of a layer below it imports it. */
const noUpwardImports = LAYERS.slice(0, -1).map((layer) => ({
  name: `no-upward-import-of-${layer.name}`,
  severity: 'error',
  comment: `Only the layers above ${layer.what} may import it (docs/architecture.md).`,
  from: { path: below(layer.name) },
  to: { path: layer.path },
}));

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
    ...noUpwardImports,
    {
      name: 'worker-module-in-a-layer',
      severity: 'error',
      comment:
        'Every module of functions/ belongs to a layer: put a new one in a layer folder, or add its folder to LAYERS and docs/architecture.md.',
      from: { path: '^functions/', pathNot: anyOf(...LAYERS.map((layer) => layer.path), ENV) },
      to: {},
    },
    {
      name: 'env-holds-types-only',
      severity: 'error',
      comment: 'functions/env.ts may only import types (it is erased when compiled).',
      from: { path: ENV },
      to: { dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'env-names-only-durable-objects',
      severity: 'error',
      comment: 'functions/env.ts imports nothing but the Durable Object classes its bindings name.',
      from: { path: ENV },
      to: { pathNot: layerPath('durable') },
    },
    {
      name: 'env-only-above-the-engine',
      severity: 'error',
      comment:
        'functions/env.ts names the Durable Object classes: the engine and the helpers below it are handed variables, buckets and ports instead.',
      from: { path: anyOf(below('durable'), SHARED) },
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
  },
};
