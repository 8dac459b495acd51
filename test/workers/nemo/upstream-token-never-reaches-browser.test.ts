/**
 * The upstream token and the upstream session id stay at the edge: no response body or header
 * the browser gets — chat SSE, replays, state, lists, credits, exports, render info and the
 * downloaded file — contains them. The anonymous client id appears only inside the
 * registration link (`?bind=<id>`) that docs/remote-api.md#credits says to offer on 2001.
 */
import { describe, expect, it } from 'vitest';
import { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';

async function dump(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

describe('upstream secrets', () => {
  it('never appear in anything sent to the browser', async () => {
    const { fake, calls } = routeUpstream({ renderPolls: 1 });
    const visitor = new Visitor();
    const seen: string[] = [];
    const session = await visitor.createSession();
    seen.push(
      await dump(
        await visitor.post(`/api/sessions/${session.id}/messages`, {
          text: 'Generate a 10-second video about "Urban Dreams" [talk]',
        }),
      ),
    );
    seen.push(
      await dump(
        await visitor.post(`/api/sessions/${session.id}/messages`, { text: 'music 20% [silent]' }),
      ),
    );
    seen.push(
      await dump(
        await visitor.post(`/api/sessions/${session.id}/messages`, {
          text: 'title "X" [error:2001]',
        }),
      ),
    );
    seen.push(await dump(await visitor.fetch(`/api/sessions/${session.id}`)));
    seen.push(await dump(await visitor.fetch(`/api/sessions/${session.id}/events?after=0`)));
    seen.push(await dump(await visitor.fetch('/api/sessions')));
    seen.push(await dump(await visitor.fetch('/api/credits')));
    const exported = await visitor.fetch(`/api/sessions/${session.id}/exports`, { method: 'POST' });
    const exportText = await dump(exported);
    seen.push(exportText);
    const renderId = /"id":"([0-9a-f-]{36})"/.exec(exportText)?.[1];
    if (renderId === undefined) throw new Error(`no render id in ${exportText}`);
    for (let i = 0; i < 200; i++) {
      const info = await dump(await visitor.fetch(`/api/renders/${renderId}`));
      seen.push(info);
      if (/"status":"(completed|failed)"/.test(info)) break;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    seen.push(await dump(await visitor.fetch(`/api/renders/${renderId}/file`)));
    seen.push(await dump(await visitor.fetch(`/api/renders/${renderId}/events`)));

    const secrets = [...fake.tokens.keys(), ...fake.sessions.keys()];
    expect(fake.tokens.size).toBeGreaterThan(0);
    expect(fake.sessions.size).toBeGreaterThan(0);
    const everything = seen.join('\n');
    expect(everything).toContain('Urban Dreams');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    const clientIds = new Set(calls.flatMap((call) => call.headers.get('X-Client-Id') ?? []));
    expect(clientIds.size).toBe(1);
    for (const clientId of clientIds) {
      const outsideLinks = everything.replaceAll(`?bind=${clientId}`, '');
      expect(outsideLinks).not.toContain(clientId);
    }
    expect(everything).not.toMatch(/nemo_anon_|sess_|Bearer/);
    // Every upstream call carried the token and the attribution headers.
    for (const call of calls.filter(
      (c) => !c.url.endsWith('/anonymous-token') && !c.url.includes('/files/'),
    )) {
      expect(call.headers.get('Authorization')).toMatch(/^Bearer nemo_anon_/);
      expect(call.headers.get('X-Skill-Source')).toBe('reelwright');
    }
  });
});
