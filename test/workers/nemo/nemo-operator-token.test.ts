/**
 * With the secret `NEMO_TOKEN` set, every call carries the operator's token: no anonymous
 * token is asked for, a 1001 is final (the operator must replace the secret), and 2001 asks
 * the operator to top up instead of offering registration. Drives the engine directly (the
 * `workers-nemo` project runs anonymous), with the fake's `app.fetch` as its fetch.
 */
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../functions/engine/engine';
import { NemoEngine } from '../../../functions/engine/nemo/nemo-engine';
import { readNemoConfig } from '../../../functions/engine/nemo/nemo-config';
import { createFakeUpstream } from '../../fake-upstream/fake-upstream';
import type { FakeUpstream } from '../../fake-upstream/fake-upstream';

const OPERATOR_TOKEN = 'operator-secret-token';

function engineFor(fake: FakeUpstream): { engine: NemoEngine; session: { id: string | null } } {
  const session: { id: string | null } = { id: null };
  const config = readNemoConfig({
    NEMO_API_BASE: 'https://nemo-fake.test',
    NEMO_TOKEN: OPERATOR_TOKEN,
    NEMO_STREAM_IDLE_TIMEOUT_MS: '400',
  });
  const engine = new NemoEngine({
    config,
    identity: null,
    session: {
      load: async () => session.id,
      save: async (id) => {
        session.id = id;
      },
    },
    fetch: (input, init) => Promise.resolve(fake.app.fetch(new Request(input, init))),
  });
  return { engine, session };
}

async function turn(engine: NemoEngine, text: string): Promise<EngineEvent[]> {
  const out: EngineEvent[] = [];
  for await (const event of engine.chat({ text, draft: null, history: [], previousDrafts: [] }))
    out.push(event);
  return out;
}

describe('operator token (NEMO_TOKEN)', () => {
  it('is used for every call; no anonymous token is asked for', async () => {
    const fake = createFakeUpstream({ operatorTokens: [OPERATOR_TOKEN] });
    const { engine, session } = engineFor(fake);
    const events = await turn(engine, 'Generate a 10-second video about "Urban Dreams" [talk]');
    expect(events.some((event) => event.type === 'error')).toBe(false);
    expect(events.some((event) => event.type === 'draft')).toBe(true);
    expect(session.id).not.toBeNull();
    expect(fake.requests.some((request) => request.path === '/api/auth/anonymous-token')).toBe(
      false,
    );
    for (const request of fake.requests)
      expect(request.headers.authorization).toBe(`Bearer ${OPERATOR_TOKEN}`);
  });

  it('a 1001 is final and 2001 asks the operator to top up', async () => {
    const fake = createFakeUpstream({ operatorTokens: [OPERATOR_TOKEN] });
    const { engine } = engineFor(fake);
    const credits = await turn(engine, 'Generate a video [error:2001]');
    expect(credits.find((event) => event.type === 'error')).toMatchObject({
      code: 'out_of_credits',
      message: expect.stringMatching(/operator needs to top it up/),
    });
    fake.failNext('chat', 1001);
    const auth = await turn(engine, 'Generate a video');
    expect(auth.filter((event) => event.type === 'error')).toEqual([
      expect.objectContaining({ code: 'upstream_auth' }),
    ]);
  });
});
