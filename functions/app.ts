/**
 * @module app
 * The Hono app: security headers on every answer, a refusal of every request while
 * `VISITOR_SECRET` is unsafe, the cross-site guard on `/api` writes, the visitor (by API key on the
 * render API, else by cookie or widget token) on every `/api` request, the routes of docs/http-api.md, JSON errors for everything under `/api`, the
 * widget page `/embed` with its framing policy, the agents' MCP endpoint `/mcp`, and the built SPA (`ASSETS`) for everything else.
 */
import { Hono } from 'hono';
import type { AppEnv } from './env';
import { handleError, handleNotFound } from './middleware/error-handler';
import { sameOriginWrites } from './middleware/same-origin-writes';
import { securityHeaders } from './middleware/security-headers';
import { visitorCookie } from './middleware/visitor-cookie';
import { visitorSecretGuard } from './middleware/visitor-secret-guard';
import { apiKeyVisitor } from './middleware/api-key-visitor';
import { agentTokenRoutes } from './routes/agent-token';
import { apiKeyRoutes } from './routes/api-keys';
import { apiRenderRoutes } from './routes/api-renders';
import { brandKitRoutes } from './routes/brand-kit';
import { creditRoutes } from './routes/credits';
import { serveEmbedPage } from './routes/embed-page';
import { exportRoutes } from './routes/exports';
import { fleetRoutes } from './routes/fleet';
import { healthRoutes } from './routes/health';
import { mcpRoutes } from './routes/mcp';
import { mediaRoutes } from './routes/media';
import { renderRoutes } from './routes/renders';
import { renderSubtitleRoutes } from './routes/render-subtitles';
import { renderChunkRoutes } from './routes/render-chunks';
import { sessionRoutes } from './routes/sessions';
import { speechRoutes } from './routes/speech';
import { widgetTokenRoutes } from './routes/widget-token';

/** Builds the app (a function, so tests and embedders get a fresh instance). */
export function createApp(): Hono<AppEnv> {
  const api = new Hono<AppEnv>()
    .route('/', healthRoutes)
    .route('/', sessionRoutes)
    .route('/', exportRoutes)
    .route('/', creditRoutes)
    .route('/', renderRoutes)
    .route('/', renderSubtitleRoutes)
    .route('/', renderChunkRoutes)
    .route('/', mediaRoutes)
    .route('/', widgetTokenRoutes)
    .route('/', agentTokenRoutes)
    .route('/', speechRoutes)
    .route('/', brandKitRoutes)
    .route('/', apiRenderRoutes)
    .route('/', apiKeyRoutes);

  const app = new Hono<AppEnv>();
  app.use(securityHeaders());
  app.use(visitorSecretGuard());
  app.use('/api/*', sameOriginWrites());
  // Render workers carry the fleet key, not a visitor: mounted before the visitor cookie.
  app.route('/api/fleet', fleetRoutes);
  app.use('/api/*', apiKeyVisitor(visitorCookie()));
  app.route('/api', api);
  app.get('/embed', serveEmbedPage);
  app.route('/mcp', mcpRoutes);
  app.all('*', (c) => handleNotFound(c));
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}

/** The app the Worker serves. */
export const app = createApp();
