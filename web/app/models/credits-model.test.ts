/**
 * The header badge and the "credits" reply: a known balance is counted; an unknown one (nemo
 * engine before the first message: no remote account yet) says so with the server's note.
 */
import { describe, expect, it } from 'vitest';
import { CreditsModel, describeCredits } from './credits-model';
import { fakeApiClient } from '../../../test/unit-helpers/fake-api-client';

describe('credits model', () => {
  it('labels a known balance by its count', async () => {
    const model = new CreditsModel(fakeApiClient([]));
    await model.refresh();
    expect(model.label.value).toBe('87 credits');
  });

  it('labels an unknown balance "after your first message" and replies with the server note', async () => {
    const note =
      'Your credits are shown after your first message: the video service opens your account then.';
    const model = new CreditsModel(
      fakeApiClient([], {
        getCredits: () => Promise.resolve({ available: null, frozen: null, total: null, note }),
      }),
    );
    const answer = await model.refresh();
    expect(model.label.value).toBe('Credits: after your first message');
    expect(describeCredits(answer)).toBe(note);
  });
});
