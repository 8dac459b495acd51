/**
 * @module visitor-with-draft (nemo test support)
 * A new visitor with one session whose draft the (fake) remote API planned: the starting point
 * of every nemo export test.
 */
import { Visitor } from '../visitor-client';

/** The prompt the fake answers with a 10-second, three-track draft. */
export const DRAFT_PROMPT = 'Generate a 10-second video about "Urban Dreams"';

/**
 * Creates a visitor and a session, and runs one chat turn that gives the session a draft
 * (`prompt` may add the fake's keywords to {@link DRAFT_PROMPT}).
 */
export async function visitorWithDraft(
  prompt = DRAFT_PROMPT,
): Promise<{ visitor: Visitor; sessionId: string }> {
  const visitor = new Visitor();
  const session = await visitor.createSession();
  await visitor.chat(session.id, prompt);
  return { visitor, sessionId: session.id };
}
