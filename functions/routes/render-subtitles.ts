/**
 * @module render-subtitles
 * Subtitles beside each render's MP4 (docs/http-api.md): `GET /api/renders/:id/subtitles.srt`
 * and `.vtt`, the narration's captions of the draft that render exported, or without narration
 * its on-screen texts (shared/subtitle-files.ts). Only the render's owner may read them, like the
 * MP4 without a signed link; a render with neither answers an empty file.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import {
  SUBTITLE_CONTENT_TYPE,
  type SubtitleFormat,
  subtitleFile,
} from '../../shared/subtitle-files';
import { renderJob } from '../durable/durable-stubs';
import { attachmentDisposition } from '../media/download-name';
import { parseId, unwrap } from '../http/route-helpers';

export const renderSubtitleRoutes = new Hono<AppEnv>().get(
  '/renders/:id/subtitles.:format{srt|vtt}',
  async (c) => {
    const renderId = parseId(c.req.param('id'), 'render');
    const format = c.req.param('format') as SubtitleFormat;
    const info = unwrap(await renderJob(c.env, renderId).info(c.get('visitorId')));
    return c.body(subtitleFile(info.draft, format), 200, {
      'Content-Type': SUBTITLE_CONTENT_TYPE[format],
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': attachmentDisposition(info.draft.title, format),
      'Cache-Control': 'private, max-age=0, must-revalidate',
    });
  },
);
