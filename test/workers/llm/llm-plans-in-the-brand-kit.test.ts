/**
 * Issue 13 item 5 with DIRECTOR=llm: a video the model plans by `plan_video` is in the visitor's
 * saved brand kit (colours, font), as the rules director's plans are; a visitor without a kit
 * gets the model's own palette.
 */
import { describe, expect, it } from 'vitest';
import type { BrandKit } from '../../../shared/brand-kit-schema';
import type { Draft } from '../../../shared/draft-schema';
import type { StreamEvent } from '../../../shared/events-schema';
import { Visitor } from '../visitor-client';
import { routeLlm } from './route-llm';

const PLAN_PROMPT = 'A video about rock pools [llm:plan]';

function draftOf(events: readonly StreamEvent[]): Draft {
  const event = events.find((candidate) => candidate.type === 'draft');
  if (event?.type !== 'draft') throw new Error(`no draft: ${JSON.stringify(events)}`);
  return event.draft;
}

describe('the language-model director and the brand kit', () => {
  it('plans the video in the visitor’s saved colours and font, and only theirs', async () => {
    const fake = routeLlm();
    const visitor = new Visitor();
    const kit: BrandKit = {
      colors: ['#0a84ff', '#ff375f'],
      font: 'Noto Sans SC',
      logo: null,
      logoCorner: 'bottom-right',
    };
    const saved = await visitor.saveBrandKit(kit);
    expect(saved.status).toBe(200);

    const planned = draftOf(
      (await visitor.chat((await visitor.createSession()).id, PLAN_PROMPT)).events,
    );
    expect(fake.requests.length).toBeGreaterThan(0); // the model planned it, not the rules
    expect(planned.title).toBe('Tide pools');
    expect(planned.look.background[0]).toBe('#0a84ff');
    expect(planned.look.fontFamily.startsWith('"Noto Sans SC"')).toBe(true);

    const stranger = new Visitor();
    const theirs = draftOf(
      (await stranger.chat((await stranger.createSession()).id, PLAN_PROMPT)).events,
    );
    expect(theirs.title).toBe('Tide pools');
    expect(theirs.look.background[0]).not.toBe('#0a84ff');
  });
});
