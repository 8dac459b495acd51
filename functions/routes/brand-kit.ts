/**
 * @module brand-kit
 * `GET /api/brand-kit` (the visitor's kit, the empty kit when none was saved) and
 * `PUT /api/brand-kit` (replace it): brand colours (≤ 3, `#rrggbb`), a bundled font, and a logo
 * that must be a finished image upload in one of the visitor's own sessions — another
 * visitor's session or a missing, unfinished or non-image upload is refused 404/409/400 and
 * nothing is stored. Writes pass the app's origin check and JSON body rules like every other
 * `/api` write (middleware/); the visitor comes from their cookie or token, never the URL.
 */
import { Hono } from 'hono';
import type { AppEnv, Env } from '../env';
import { brandKitSchema } from '../../shared/brand-kit-schema';
import type { BrandKit } from '../../shared/brand-kit-schema';
import { sessionRoom, visitorAccount } from '../durable/durable-stubs';
import { ApiError } from '../middleware/api-error';
import { jsonBodyLimit, readJsonBody } from '../middleware/json-body';
import { readRecord } from '../media/media-store';

/** What a visitor reads when the logo is not an upload of theirs. */
const LOGO_NOT_FOUND = 'No such upload for the logo (it does not exist or is not yours).';

/** @throws {ApiError} 404 when the logo's session or upload is not the visitor's; 409/400 when it is not a finished image */
async function checkLogo(env: Env, visitorId: string, kit: BrandKit): Promise<void> {
  if (!kit.logo) return;
  const owned = await sessionRoom(env, kit.logo.sessionId).info(visitorId);
  if (!owned.ok) throw new ApiError(404, 'not_found', LOGO_NOT_FOUND);
  const record = await readRecord(env.MEDIA, kit.logo.sessionId, kit.logo.mediaId);
  if (!record) throw new ApiError(404, 'not_found', LOGO_NOT_FOUND);
  if (record.status === 'uploading')
    throw new ApiError(
      409,
      'upload_unfinished',
      'The logo is still uploading; try again when it is done.',
    );
  if (record.kind !== 'image')
    throw new ApiError(400, 'invalid_body', 'A logo must be a picture (PNG, JPG, WebP or GIF).');
}

/** Brand kit routes, mounted under `/api`. */
export const brandKitRoutes = new Hono<AppEnv>()
  .get('/brand-kit', async (c) =>
    c.json(await visitorAccount(c.env, c.get('visitorId')).brandKit()),
  )
  .put('/brand-kit', jsonBodyLimit(), async (c) => {
    const kit = await readJsonBody(c, brandKitSchema);
    const visitorId = c.get('visitorId');
    await checkLogo(c.env, visitorId, kit);
    await visitorAccount(c.env, visitorId).saveBrandKit(kit);
    return c.json(kit);
  });
