/**
 * Every failure of the model — HTTP 429, 500, a stream cut inside a tool call, invalid
 * arguments twice, a refusal, a hang past LLM_TIMEOUT_MS — is answered by the rules director,
 * its reply opened by one plain line saying so; the draft changes only as the rules director
 * changes it.
 */
import { describe, expect, it } from 'vitest';
import { Visitor } from '../visitor-client';
import { routeLlm } from './route-llm';

const CASES: Array<[keyword: string, line: string]> = [
  [
    '[llm:429]',
    'The language model is busy (rate limited); the built-in director answered instead.',
  ],
  ['[llm:500]', 'The language model’s server failed; the built-in director answered instead.'],
  [
    '[llm:cut-mid-tool]',
    'The language model’s answer broke off; the built-in director answered instead.',
  ],
  [
    '[llm:bad-args-twice]',
    'The language model’s edits were not valid; the built-in director answered instead.',
  ],
  ['[llm:refuse]', 'The language model declined; the built-in director answered instead.'],
  ['[llm:hang]', 'The language model took too long; the built-in director answered instead.'],
];

describe('a failing model', () => {
  it.each(CASES)(
    '%s: the rules director answers, one plain line says so',
    async (keyword, line) => {
      routeLlm();
      const visitor = new Visitor();
      const session = await visitor.createSession();
      await visitor.chat(session.id, '[llm:plan]');
      const turn = await visitor.chat(session.id, `make it 15 seconds ${keyword}`);
      const text = turn.events.find((event) => event.type === 'text');
      if (text?.type !== 'text') throw new Error('no text event');
      expect(text.text.startsWith(`${line}\n\n`)).toBe(true);
      expect(text.text.split(line)).toHaveLength(2);
      // The rules director read the message itself and made its edit.
      const draft = turn.events.find((event) => event.type === 'draft');
      expect(draft?.type === 'draft' && draft.draft.durationMs).toBe(15_000);
      expect(turn.events.some((event) => event.type === 'error')).toBe(false);
    },
  );
});
