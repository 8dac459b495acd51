/**
 * @module index
 * The Worker's entry: the Hono app as the fetch handler, and the Durable Object classes that
 * `wrangler.toml` binds (`SESSION_ROOM`, `RENDER_JOB`, `VISITOR_ACCOUNT`, `NEW_VISITOR_LIMITER`).
 */
import { app } from './app';

export { SessionRoom } from './durable/session-room';
export { RenderJob } from './durable/render-job';
export { VisitorAccount } from './durable/visitor-account';
export { NewVisitorLimiter } from './durable/new-visitor-limiter';

export default app;
