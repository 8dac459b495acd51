/**
 * About 30 % of upstream edit turns close the stream without any text
 * (docs/remote-api.md#chat-stream). The edge then reads the state, diffs the draft and tells the
 * visitor what changed.
 */
import { describe, expect, it } from 'vitest';
import type { DraftEvent } from '../../../shared/events-schema';
import { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';

describe('a stream without text', () => {
  it('is answered with the changes read from the state', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    await visitor.chat(session.id, 'Generate a 10-second video about "Urban Dreams"');
    const transcript = await visitor.chat(session.id, 'music 20% [silent]');
    expect(transcript.events.some((event) => event.type === 'text-delta')).toBe(false);
    const draft = transcript.events.find((event): event is DraftEvent => event.type === 'draft');
    expect(draft?.changes).toEqual(['Music volume 35% → 20%']);
    const text = transcript.events.find((event) => event.type === 'text');
    expect(text).toEqual({ type: 'text', text: 'Done. What changed:\n- Music volume 35% → 20%' });
    const types = transcript.events
      .map((event) => event.type)
      .filter((type) => type !== 'user-message');
    expect(types).toEqual(['status', 'status', 'text', 'draft', 'done']);
  });

  it('says so when nothing changed', async () => {
    routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    await visitor.chat(session.id, 'Generate a 10-second video about "Urban Dreams"');
    // The fake closes silently but changes nothing: the volume is already 35 %.
    const transcript = await visitor.chat(session.id, 'music 35% [silent]');
    expect(transcript.events.some((event) => event.type === 'draft')).toBe(false);
    expect(transcript.events.find((event) => event.type === 'text')).toMatchObject({
      text: expect.stringMatching(/without a reply and the timeline did not change/),
    });
  });
});
