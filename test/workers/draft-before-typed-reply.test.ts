/**
 * First preview at once: in a plan turn and in an edit turn the `draft` event reaches the
 * visitor before the first `text-delta` of the typed reply (the reply is paced, the draft is not).
 */
import { describe, expect, it } from 'vitest';
import { Visitor } from './visitor-client';

/** Index of the first event of a type in a turn's events (-1: none). */
function firstIndex(types: readonly string[], type: string): number {
  return types.indexOf(type);
}

describe('the draft goes out before the typed reply', () => {
  it('in a plan turn and in an edit turn', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const plan = await visitor.chat(
      session.id,
      'Generate a 30-second explainer video about solar panels for homeowners',
    );
    const planTypes = plan.events.map((event) => event.type);
    expect(firstIndex(planTypes, 'text-delta')).toBeGreaterThan(-1);
    expect(firstIndex(planTypes, 'draft')).toBeGreaterThan(-1);
    expect(firstIndex(planTypes, 'draft')).toBeLessThan(firstIndex(planTypes, 'text-delta'));

    const edit = await visitor.chat(session.id, 'make it vertical and swap scenes 2 and 3');
    const editTypes = edit.events.map((event) => event.type);
    expect(firstIndex(editTypes, 'text-delta')).toBeGreaterThan(-1);
    expect(firstIndex(editTypes, 'draft')).toBeGreaterThan(-1);
    expect(firstIndex(editTypes, 'draft')).toBeLessThan(firstIndex(editTypes, 'text-delta'));
  });
});
