/**
 * @module zod-jitless
 * Turns off zod's compiled parsers in the browser, before any schema is built. Without this, zod
 * probes `new Function("")` when it builds its first object schema; the app's
 * Content-Security-Policy (shared/security-policy.ts: no `'unsafe-eval'`) refuses it, and although
 * zod catches the refusal and falls back, the browser reports it as a CSP violation. Every
 * browser entry (the SPA, the widget page, the encode worker) imports this module first.
 * It imports `zod/mini` (the same zod 4 core, tree-shakable): the browser's schemas are all
 * `zod/mini` ones, so the pages never download classic zod's methods and JSON Schema code.
 */
import * as z from 'zod/mini';

// English messages, as classic zod (the edge) gives them: the renderer shows them ("The draft is
// not valid: …"); `zod/mini` loads no language by default.
z.config({ jitless: true, ...z.locales.en() });
