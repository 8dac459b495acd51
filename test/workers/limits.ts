/**
 * @module limits (test support)
 * A test visitor under limits of its own: the app is called in the test's isolate with the
 * project's bindings plus `vars` (e.g. `SESSIONS_PER_VISITOR: '2'`), so one test can pin a limit
 * without lowering it for the rest of the suite; `clientIp` is sent as `CF-Connecting-IP`.
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { app } from '../../functions/app';
import type { Env } from '../../functions/env';
import { Visitor } from './visitor-client';

/** The limit variables a test may set (functions/env.ts). */
export type LimitVars = Partial<
  Pick<
    Env,
    | 'NEW_VISITORS_PER_IP_PER_HOUR'
    | 'SESSIONS_PER_VISITOR'
    | 'UPLOADS_PER_VISITOR'
    | 'UPLOAD_BYTES_PER_VISITOR'
    | 'EXPORTS_PER_VISITOR_PER_HOUR'
    | 'NEMO_EXPORTS_PER_VISITOR'
    | 'NEMO_TOKEN'
  >
>;

/** A visitor whose requests run with `vars` over the project's bindings. */
export class LimitedVisitor extends Visitor {
  constructor(
    private readonly vars: LimitVars,
    private readonly clientIp?: string,
  ) {
    super();
  }

  protected override async send(request: Request): Promise<Response> {
    if (this.clientIp !== undefined) request.headers.set('CF-Connecting-IP', this.clientIp);
    return app.fetch(request, { ...env, ...this.vars }, createExecutionContext());
  }
}

/** A documentation-range address (RFC 5737) no other test uses, so its counts start at zero. */
export function freshClientIp(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(2));
  return `203.0.${bytes[0]}.${bytes[1]}`;
}
