/**
 * @module cloudflare-env
 * Types for the Workers tests: `env` from `cloudflare:workers` has the app's bindings, and
 * `exports.default` is the app's fetch handler.
 */
import type { Env as AppBindings } from '../../functions/env';

declare global {
  namespace Cloudflare {
    interface Env extends AppBindings {}
    interface GlobalProps {
      mainModule: typeof import('../../functions/index');
      durableNamespaces:
        | 'SessionRoom'
        | 'RenderJob'
        | 'VisitorAccount'
        | 'NewVisitorLimiter'
        | 'RenderQueue';
    }
  }
}
