/**
 * @module zod-jitless
 * Turns off zod's compiled parsers in the browser, before any schema is built. Without this, zod
 * probes `new Function("")` when it builds its first object schema; the app's
 * Content-Security-Policy (shared/security-policy.ts: no `'unsafe-eval'`) refuses it, and although
 * zod catches the refusal and falls back, the browser reports it as a CSP violation. Every
 * browser entry (the SPA, the widget page, the encode worker) imports this module first.
 */
import { z } from 'zod';

z.config({ jitless: true });
