/**
 * A chat turn with ENGINE=nemo goes to the upstream's `/run_sse` and comes back in our protocol:
 * the upstream session is made on first use and kept, tool calls become status lines, the
 * deltas are followed by ONE whole text (never doubled), the short-key draft is decoded into
 * our timeline, and GUI phrases ("click Export") become action chips.
 */
import { describe, expect, it } from 'vitest';
import type { DraftEvent, StreamEvent } from '../../../shared/events-schema';
import { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';

function texts(events: StreamEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'text' ? [event.text] : []));
}

describe('nemo chat turn', () => {
  it('streams deltas then one whole text, a decoded draft, status lines and an export chip', async () => {
    const { fake } = routeUpstream();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const transcript = await visitor.chat(
      session.id,
      'Generate a 12-second video about "Urban Dreams" city nights [talk]',
    );
    const types = transcript.events.map((event) => event.type);
    expect(types.at(-1)).toBe('done');
    expect(types).not.toContain('error');

    const whole = texts(transcript.events);
    expect(whole).toHaveLength(1);
    const deltas = transcript.events.flatMap((event) =>
      event.type === 'text-delta' ? [event.delta] : [],
    );
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(whole[0]);
    expect(types.lastIndexOf('text-delta')).toBeLessThan(types.indexOf('text'));
    expect(transcript.events).toContainEqual({ type: 'status', message: 'generating storyboard…' });

    const draft = transcript.events.find((event): event is DraftEvent => event.type === 'draft');
    expect(draft?.draft.durationMs).toBe(12_000);
    expect(draft?.draft.tracks.map((track) => track.kind)).toEqual(['video', 'audio', 'text']);
    expect(draft?.summary).toMatch(
      /^Timeline \(3 tracks\): 1\. Video: .* 2\. BGM: .*35%.* 3\. Title: "Urban Dreams" \(0-3s\)/,
    );
    expect(transcript.events).toContainEqual({
      type: 'actions',
      actions: [{ kind: 'export', label: 'Export MP4' }],
    });

    // One upstream session, kept for the next turn.
    expect(fake.sessions.size).toBe(1);
    await visitor.chat(session.id, 'make it vertical [talk]');
    expect(fake.sessions.size).toBe(1);
    expect([...fake.sessions.values()][0]?.turns).toBe(2);
  });
});
