/**
 * @module empty-state
 * What a first-time visitor sees in the chat: what to type, and example prompts to try.
 */
import { useApp } from '../app-context';

/** Example prompts: one per aspect ratio, each short enough to read at a glance. */
export const EXAMPLE_PROMPTS: readonly string[] = [
  'Make a 30-second explainer video about a budgeting app for students',
  'A 15-second vertical promo for a coffee shop’s autumn menu, upbeat music',
  'A 20-second square video announcing our summer sale, title in red',
];

/** The empty chat: a short explanation and example prompt buttons that send the prompt. */
export function EmptyState() {
  const app = useApp();
  const busy = app.chat.busy.value;
  return (
    <div class="empty-state">
      <h3 class="empty-title">Describe the video you want</h3>
      <p>
        Say what it is about, how long it should be and its shape (wide, vertical or square), or paste a
        script. Then refine it in words — “make it vertical”, “title in red”, “music at 20%” — and press
        Export for an MP4.
      </p>
      <p class="empty-try" id="examples-label">
        Try one:
      </p>
      <ul class="example-list" aria-labelledby="examples-label">
        {EXAMPLE_PROMPTS.map((prompt) => (
          <li key={prompt}>
            <button type="button" class="example-prompt" disabled={busy} onClick={() => void app.send(prompt)}>
              <span class="example-arrow" aria-hidden="true">
                →{' '}
              </span>
              {prompt}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
