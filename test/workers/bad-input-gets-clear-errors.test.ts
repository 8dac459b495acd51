/**
 * Bad input always gets a 4xx with `{error:{code,message}}` in plain words, never a 500.
 */
import { describe, expect, it } from 'vitest';
import { selectEngine } from '../../functions/engine/select-engine';
import { Visitor, readError } from './visitor-client';

describe('bad input', () => {
  it('an empty or blank prompt is 400 invalid_body saying it is empty', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    for (const text of ['', '   \n ']) {
      const response = await visitor.post(`/api/sessions/${session.id}/messages`, { text });
      expect(response.status).toBe(400);
      const error = await readError(response);
      expect(error.code).toBe('invalid_body');
      expect(error.message).toMatch(/empty/);
    }
  });

  it('a 100 kB prompt is 413 payload_too_large; 8,001 characters is 400 naming the limit', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const huge = await visitor.post(`/api/sessions/${session.id}/messages`, {
      text: 'a'.repeat(100_000),
    });
    expect(huge.status).toBe(413);
    const hugeError = await readError(huge);
    expect(hugeError.code).toBe('payload_too_large');
    expect(hugeError.message).toMatch(/64 KB/);

    const long = await visitor.post(`/api/sessions/${session.id}/messages`, {
      text: 'b'.repeat(8_001),
    });
    expect(long.status).toBe(400);
    const longError = await readError(long);
    expect(longError.code).toBe('invalid_body');
    expect(longError.message).toMatch(/8000 characters/);
  });

  it('malformed JSON is 400 invalid_json; a missing field is 400 invalid_body', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const malformed = await visitor.fetch(`/api/sessions/${session.id}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"text": "hello',
    });
    expect(malformed.status).toBe(400);
    expect((await readError(malformed)).code).toBe('invalid_json');

    const missing = await visitor.post(`/api/sessions/${session.id}/messages`, { prompt: 'hello' });
    expect(missing.status).toBe(400);
    const error = await readError(missing);
    expect(error.code).toBe('invalid_body');
    expect(error.message).toMatch(/text/);
  });

  it('an unknown or malformed session id is 404 not_found', async () => {
    const visitor = new Visitor();
    for (const path of [
      `/api/sessions/${crypto.randomUUID()}`,
      '/api/sessions/not-a-session',
      `/api/sessions/${crypto.randomUUID()}/events`,
    ]) {
      const response = await visitor.fetch(path);
      expect(response.status).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
    const post = await visitor.post(`/api/sessions/${crypto.randomUUID()}/messages`, {
      text: 'hello',
    });
    expect(post.status).toBe(404);
    const exportUnknown = await visitor.fetch(`/api/sessions/${crypto.randomUUID()}/exports`, {
      method: 'POST',
    });
    expect(exportUnknown.status).toBe(404);
  });

  it('an unknown /api route is a JSON 404; health answers ok with the engine', async () => {
    const visitor = new Visitor();
    const unknown = await visitor.fetch('/api/nope');
    expect(unknown.status).toBe(404);
    expect((await readError(unknown)).code).toBe('not_found');

    const health = await visitor.fetch('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, engine: 'embedded' });
  });

  it('an ENGINE other than embedded or nemo is a clear configuration error', () => {
    expect(selectEngine('embedded').name).toBe('embedded');
    expect(selectEngine(undefined).renderer).toBe('browser');
    expect(selectEngine('nemo').renderer).toBe('remote');
    expect(() => selectEngine('llm')).toThrow(/ENGINE="llm" is not available/);
  });

  it('bad render reports are 400 invalid_body', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const job = await visitor.startExport(session.id);
    const tooMany = await visitor.post(`/api/renders/${job.id}/progress`, {
      framesDone: 20,
      totalFrames: 10,
      fps: 30,
    });
    expect(tooMany.status).toBe(400);
    expect((await readError(tooMany)).message).toMatch(/framesDone/);
    const negative = await visitor.post(`/api/renders/${job.id}/progress`, {
      framesDone: -1,
      totalFrames: 10,
      fps: 30,
    });
    expect(negative.status).toBe(400);
    const emptyFail = await visitor.post(`/api/renders/${job.id}/fail`, { message: '' });
    expect(emptyFail.status).toBe(400);
    expect((await readError(emptyFail)).code).toBe('invalid_body');
  });
});
