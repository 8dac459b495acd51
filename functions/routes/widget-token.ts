/**
 * @module widget-token (route)
 * `DELETE /api/widget-token`: "Forget me on this site". Revokes every widget token of the visitor
 * the request's token names (their generation moves on in VisitorAccount), so the copy the host
 * page kept stops working at once: later requests with it get 401 `widget_token_revoked`.
 * Only a widget request (token header) may ask; the answer carries no token.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { visitorAccount } from '../durable/durable-stubs';
import { ApiError } from '../middleware/api-error';
import { NEW_WIDGET_TOKEN, VISITOR_TOKEN_HEADER } from '../middleware/widget-token';

/** Widget token routes, mounted under `/api`. */
export const widgetTokenRoutes = new Hono<AppEnv>().delete('/widget-token', async (c) => {
  const header = c.req.header(VISITOR_TOKEN_HEADER);
  if (header === undefined || header === NEW_WIDGET_TOKEN) {
    throw new ApiError(
      400,
      'widget_token_required',
      `Send the widget token to revoke in the ${VISITOR_TOKEN_HEADER} header.`,
    );
  }
  await visitorAccount(c.env, c.get('visitorId')).revokeWidgetTokens();
  c.header(VISITOR_TOKEN_HEADER, undefined);
  return c.json({ revoked: true as const });
});
