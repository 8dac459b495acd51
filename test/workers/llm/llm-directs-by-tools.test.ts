/**
 * With DIRECTOR=llm the model directs through tools only: a plan by `plan_video`, several edits
 * in one turn, `undo`, then `export` (the Export chip); the reply streams as text deltas, and a
 * call with invalid arguments is retried once with the validation error.
 */
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../shared/draft-schema';
import type { StreamEvent } from '../../../shared/events-schema';
import { Visitor } from '../visitor-client';
import { routeLlm } from './route-llm';

function draftOf(events: readonly StreamEvent[]): Draft | null {
  const event = events.find((candidate) => candidate.type === 'draft');
  return event?.type === 'draft' ? event.draft : null;
}

function textOf(events: readonly StreamEvent[]): string {
  const event = events.find((candidate) => candidate.type === 'text');
  return event?.type === 'text' ? event.text : '';
}

describe('the language-model director', () => {
  it('plans, edits by several tools in one turn, undoes and offers the export', async () => {
    const fake = routeLlm();
    const visitor = new Visitor();
    const session = await visitor.createSession();

    const plan = await visitor.chat(session.id, 'A video about rock pools [llm:plan]');
    expect(plan.events.filter((event) => event.type === 'text-delta').length).toBeGreaterThan(1);
    const planned = draftOf(plan.events);
    expect(planned?.title).toBe('Tide pools');
    expect(planned?.look.paletteName).toBe('Ocean');
    const video = planned?.tracks.find((track) => track.kind === 'video');
    expect(video?.segments).toHaveLength(4);
    expect(textOf(plan.events)).toMatch(/^Here is a plan about tide pools\./);

    const edits = await visitor.chat(session.id, 'vertical, new title, no music [llm:edits]');
    const edited = draftOf(edits.events);
    expect(edited?.canvas).toMatchObject({ width: 1080, height: 1920 });
    expect(edited?.title).toBe('Rock pools');
    expect(edited?.tracks.some((track) => track.kind === 'audio')).toBe(false);
    expect(textOf(edits.events)).toContain('Music off');

    const undo = await visitor.chat(session.id, 'go back [llm:undo]');
    const undone = draftOf(undo.events);
    expect(undone?.title).toBe('Tide pools');
    expect(undone?.canvas.width).toBe(1920);

    const exported = await visitor.chat(session.id, 'export it [llm:export]');
    expect(draftOf(exported.events)).toBeNull();
    expect(textOf(exported.events)).toContain('Press Export MP4');
    const actions = exported.events.find((event) => event.type === 'actions');
    expect(actions?.type === 'actions' && actions.actions[0]?.kind).toBe('export');

    // The model saw the draft's summary and the history, and the tools by name.
    const last = fake.requests.at(-1)?.body;
    expect(JSON.stringify(last?.messages)).toContain('Timeline (');
    expect(JSON.stringify(last?.messages)).toContain('[llm:plan]');
    const tools = last?.tools?.map((entry) => entry.function.name) ?? [];
    expect(tools).toEqual(expect.arrayContaining(['plan_video', 'set_duration', 'undo', 'export']));
  });

  it('retries a call with invalid arguments once, with the validation error', async () => {
    const fake = routeLlm();
    const visitor = new Visitor();
    const session = await visitor.createSession();
    await visitor.chat(session.id, '[llm:plan]');
    const turn = await visitor.chat(session.id, 'make it 20 seconds [llm:bad-args]');
    expect(draftOf(turn.events)?.durationMs).toBe(20_000);
    const retry = fake.requests.at(-1)?.body.messages.at(-1);
    expect(retry?.role).toBe('tool');
    expect(JSON.stringify(retry)).toMatch(/Invalid arguments for set_duration/);
    expect(fake.requests).toHaveLength(3);
  });
});
