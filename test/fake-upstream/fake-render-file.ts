/**
 * @module fake-render-file
 * Which file the fake upstream serves for a finished render. By default a real H.264 MP4 as long
 * as the rendered draft (`d`, ms), from a {@link RenderFileSource} the host gives it: the
 * `test/fixtures/render-<s>s.mp4` files, read from disk by node and inlined by Vite in workerd
 * (test/fixtures/README.md). A `[render-file:…]` keyword in a chat message changes what the
 * session's later renders serve, so a test or a person can check that the edge refuses a file
 * that is not the video: `[render-file:html]` serves {@link htmlWithFtyp}, `[render-file:Ns]`
 * a real MP4 of N seconds whatever the draft's length.
 */

/**
 * A real MP4 lasting `durationMs`.
 * @throws Error naming the missing fixture when there is none that long
 */
export type RenderFileSource = (durationMs: number) => Uint8Array;

/** What a session's renders serve: the draft's own length, the HTML file, or `seconds` long. */
export type RenderFileChoice =
  | { kind: 'draft' }
  | { kind: 'html' }
  | { kind: 'seconds'; seconds: number };

/** Size of the attacker's file of issue 10 (item 5), bytes. */
export const HTML_WITH_FTYP_BYTES = 76;

/** The attacker's file of issue 10 (item 5): 76 bytes of HTML whose bytes 4–8 read `ftyp`. */
export function htmlWithFtyp(): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(
    '<!--ftyp--><html><body><script>alert(document.cookie)</script></body></html>'.padEnd(
      HTML_WITH_FTYP_BYTES,
      ' ',
    ),
  );
}

/** The choice a `[render-file:html]` / `[render-file:Ns]` keyword in `text` makes, or null. */
export function renderFileKeyword(text: string): RenderFileChoice | null {
  const match = /\[render-file:(?:(html)|(\d{1,3})s)\]/.exec(text);
  if (match === null) return null;
  return match[1] === 'html' ? { kind: 'html' } : { kind: 'seconds', seconds: Number(match[2]) };
}

/**
 * The bytes a render of a draft lasting `draftMs` serves under `choice`.
 * @throws Error (from `source`) when no real MP4 is that long
 */
export function renderFileBytes(
  choice: RenderFileChoice,
  draftMs: number,
  source: RenderFileSource,
): Uint8Array {
  switch (choice.kind) {
    case 'html':
      return htmlWithFtyp();
    case 'seconds':
      return source(choice.seconds * 1_000);
    case 'draft':
      return source(draftMs);
  }
}
