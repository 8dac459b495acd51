/**
 * @module session-reads (e2e support)
 * Reads the page's current session (the newest) through the same API the page uses, with the
 * page's cookie: its uploads, its draft and its batch, each parsed with the project's schemas.
 */
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { batchSchema } from '../../../shared/batch-schema';
import type { Batch } from '../../../shared/batch-schema';
import { draftSchema } from '../../../shared/draft-schema';
import type { Draft } from '../../../shared/draft-schema';
import { mediaListSchema } from '../../../shared/media-schema';
import type { MediaItem } from '../../../shared/media-schema';

/** Fetches `/api/sessions/<current id><suffix>` in the page and returns the id and the JSON answer. */
async function readCurrent(
  page: Page,
  suffix: string,
): Promise<{ sessionId: string; body: unknown }> {
  const raw: unknown = await page.evaluate(async (pathSuffix) => {
    const list = (await (await fetch('/api/sessions')).json()) as { sessions: { id: string }[] };
    const sessionId = list.sessions[0]?.id ?? '';
    return {
      sessionId,
      body: await (await fetch(`/api/sessions/${sessionId}${pathSuffix}`)).json(),
    };
  }, suffix);
  return z.object({ sessionId: z.string(), body: z.unknown() }).parse(raw);
}

/** The current session's id and its uploads, oldest first. */
export async function currentSessionMedia(
  page: Page,
): Promise<{ sessionId: string; media: MediaItem[] }> {
  const { sessionId, body } = await readCurrent(page, '/media');
  return { sessionId, media: mediaListSchema.parse(body).media };
}

/** The current session's draft. @throws Error when it has none */
export async function currentSessionDraft(page: Page): Promise<Draft> {
  const { body } = await readCurrent(page, '');
  return draftSchema.parse(z.object({ draft: z.unknown() }).parse(body).draft);
}

/** The current session's batch and its version (null when it makes one video). */
export async function currentSessionBatch(
  page: Page,
): Promise<{ batch: Batch | null; batchVersion: number }> {
  const { body } = await readCurrent(page, '');
  return z.object({ batch: z.nullable(batchSchema), batchVersion: z.number().int() }).parse(body);
}
