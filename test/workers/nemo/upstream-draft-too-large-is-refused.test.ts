/**
 * A draft from the upstream that is over the draft's size budget (shared/draft-schema.ts) is not
 * applied: the turn ends with a plain `draft_too_large` error and `done`, the session keeps its
 * draft, and nothing crashes.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DRAFT_SEGMENTS } from '../../../shared/draft-schema';
import { sessionStateSchema } from '../../../shared/api-schema';
import { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';

/** Captions the upstream's draft gets: 50 more segments than a draft may hold. */
const CAPTIONS = MAX_DRAFT_SEGMENTS + 50;

describe('an upstream draft too large to keep', () => {
  it('is refused with draft_too_large naming the bound, and the session keeps its draft', async () => {
    const { fake } = routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const first = await visitor.chat(
      session.id,
      'Generate a 12-second video about "Urban Dreams" city nights',
    );
    expect(first.events.some((event) => event.type === 'draft')).toBe(true);

    const upstream = [...fake.sessions.values()][0];
    if (upstream?.draft == null) throw new Error('the fake has no draft');
    const captions = upstream.draft.t.find((track) => track.tt === 7);
    if (captions === undefined) throw new Error('the fake draft has no text track');
    captions.sg = Array.from({ length: CAPTIONS }, (_, i) => ({
      id: `c${i}`,
      s: i * 40,
      d: 40,
      m: { text: `Caption ${i}` },
    }));

    const second = await visitor.chat(session.id, 'hmm, let me think about it');
    const types = second.events.map((event) => event.type);
    expect(types.at(-1)).toBe('done');
    expect(types).not.toContain('draft');
    expect(second.events).toContainEqual({
      type: 'error',
      code: 'draft_too_large',
      message: expect.stringMatching(
        /too big to keep here \(it has 2\d\d segments, and at most 200 fit\)/,
      ),
    });

    const state = sessionStateSchema.parse(
      await (await visitor.fetch(`/api/sessions/${session.id}`)).json(),
    );
    expect(state.session.version).toBe(1);
  }, 30_000); // two turns against the fake, whose replies are paced
});
