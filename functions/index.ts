/**
 * @module index
 * The Worker's entry: the Hono app as the fetch handler, and the Durable Object classes that
 * `wrangler.toml` binds (`SESSION_ROOM`, `RENDER_JOB`, `VISITOR_ACCOUNT`, `NEW_VISITOR_LIMITER`, `RENDER_QUEUE`).
 */
import { app } from './app';

export { SessionRoom } from './durable/session-room';
export { RenderJob } from './durable/render-job';
export { VisitorAccount } from './durable/visitor-account';
export { NewVisitorLimiter } from './durable/new-visitor-limiter';
export { RenderQueue } from './durable/render-queue';

export default app;
