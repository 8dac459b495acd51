/**
 * The nemo engine against the fake upstream in `stock-adk` mode (a stock `adk api_server`:
 * `user_id` required, partials only with `"streaming": true`, progressive SSE, silence while a
 * tool runs, `errorCode: "STOP"` on a no-text edit), and the fake's mode itself.
 * Timeouts are shortened by the `workers-nemo` project (idle 400 ms, still-working 30 ms).
 */
import { describe, expect, it } from 'vitest';
import { createFakeUpstream } from '../../fake-upstream/fake-upstream';
import { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';

const FIRST = 'Generate a 10-second video about "Urban Dreams" [talk]';

/** A session of the stock-mode fake and the token that owns it. */
async function stockSession(): Promise<{
  fake: ReturnType<typeof createFakeUpstream>;
  run: (body: Record<string, unknown>) => Promise<Response>;
}> {
  const fake = createFakeUpstream({ mode: 'stock-adk', frameDelayMs: 0 });
  const minted = await fake.app.request('/api/auth/anonymous-token', {
    method: 'POST',
    headers: { 'X-Client-Id': 'c1' },
  });
  const { data } = (await minted.json()) as { data: { token: string } };
  const auth = { Authorization: `Bearer ${data.token}`, 'Content-Type': 'application/json' };
  const created = await fake.app.request('/api/tasks/me/with-session/nemo_agent', {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ task_name: 'project', language: 'en' }),
  });
  const session = (await created.json()) as { data: { session_id: string } };
  const run = (body: Record<string, unknown>): Promise<Response> =>
    Promise.resolve(
      fake.app.request('/run_sse', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          app_name: 'nemo_agent',
          session_id: session.data.session_id,
          new_message: { role: 'user', parts: [{ text: FIRST }] },
          ...body,
        }),
      }),
    );
  return { fake, run };
}

/**
 * Per test, ms: a turn takes well under a second, but a file's first turn warms up the Worker
 * (about 3.5 s alone, more while the whole project runs), past vitest's default 5 s.
 */
const TURN_TEST_TIMEOUT_MS = 20_000;

describe('the fake upstream in stock-adk mode', { timeout: TURN_TEST_TIMEOUT_MS }, () => {
  it('answers 422 without user_id, as FastAPI does for RunAgentRequest', async () => {
    const { run } = await stockSession();
    const refused = await run({});
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ detail: [{ loc: ['body', 'user_id'] }] });
  });

  it('sends partial events only with "streaming": true; the call comes as a partial chunk then the aggregate', async () => {
    const whole = await (await stockSession()).run({ user_id: 'me' });
    expect(await whole.text()).not.toContain('"partial":true');
    const streamed = await (
      await (await stockSession()).run({ user_id: 'me', streaming: true })
    ).text();
    const calls = streamed.split('\n\n').filter((frame) => frame.includes('functionCall'));
    expect(calls.map((frame) => frame.includes('"partial":true'))).toEqual([true, false]);
    expect(streamed).toContain('"partial":true');
  });
});

describe('the nemo engine against a stock ADK server', { timeout: TURN_TEST_TIMEOUT_MS }, () => {
  it('streams a reply, shows the tool once, and outlasts a tool silent past the idle limit', async () => {
    routeUpstream({ mode: 'stock-adk' });
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const { events } = await visitor.chat(session.id, `${FIRST} [tool-ms:1000]`);
    expect(events.filter((event) => event.type === 'error')).toEqual([]);
    const statuses = events.flatMap((event) => (event.type === 'status' ? [event.message] : []));
    expect(statuses.filter((status) => status === 'generating storyboard…')).toHaveLength(1);
    expect(statuses).toContain('still working…');
    expect(events.filter((event) => event.type === 'text-delta').length).toBeGreaterThan(1);
    expect(events.find((event) => event.type === 'text')).toMatchObject({
      text: expect.stringMatching(/10-second draft with three scenes/),
    });
    expect(events.some((event) => event.type === 'draft')).toBe(true);
  });

  it('answers a no-text edit (errorCode STOP) with what changed', async () => {
    routeUpstream({ mode: 'stock-adk' });
    const visitor = new Visitor();
    const session = await visitor.createSession();
    await visitor.chat(session.id, FIRST);
    const { events } = await visitor.chat(session.id, 'music 20% [silent]');
    expect(events.filter((event) => event.type === 'error')).toEqual([]);
    expect(events.find((event) => event.type === 'text')).toEqual({
      type: 'text',
      text: 'Done. What changed:\n- Music volume 35% → 20%',
    });
  });
});
