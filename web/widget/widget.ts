/**
 * @module widget
 * `widget.js`, the loader a site adds with one tag:
 * `<script src="https://<app>/widget.js" data-theme="light" async></script>` (the frame goes
 * right after the tag) or, with `<div data-reelwright>` targets on the page, one frame in each.
 * It inserts an iframe to `<app>/embed`, passes the options (`data-aspect`, `data-placeholder`,
 * `data-theme`, `data-accent`, `data-lang`, `data-layout`; a target's own attributes win over
 * the script's), fits the frame's height to its content, keeps what the frame asks it to keep
 * (`persist`: the widget token, session and last render, in this site's localStorage, handed
 * back as a `restore` message when the frame says `hello`, never in its URL, so a reload finds
 * the visitor even where third-party cookies and storage are blocked), deletes it on `forget`
 * ("Forget me on this site"), and re-dispatches every event of the frame as a
 * `reelwright:<type>` CustomEvent on the target. Commands go straight to the frame:
 * `target.querySelector('iframe').contentWindow.postMessage({type:'prompt', text}, '<app origin>')`.
 *
 * Import-free on purpose (no zod, no shared code): it must stay a classic script of about 1 KB
 * gzip. It accepts only messages whose `source` is the frame's window and whose `origin` is the
 * app's, tagged `source: 'reelwright'` with a known `type`; the frame validates every command
 * it receives with the zod schemas of shared/embed-protocol.ts.
 */
(() => {
  /** The tag on every event of the frame (shared/embed-protocol.ts `EMBED_EVENT_SOURCE`). */
  const SOURCE = 'reelwright';
  /** Event types of the frame (shared/embed-events.ts `EMBED_EVENT_TYPES`). */
  const EVENT_TYPES = [
    'hello',
    'ready',
    'draft-updated',
    'render-progress',
    'render-completed',
    'error',
    'resize',
    'persist',
    'forget',
  ];
  /** `data-*` options copied into the frame's query (parsed there by `parseEmbedOptions`). */
  const OPTION_NAMES = ['aspect', 'placeholder', 'theme', 'accent', 'lang', 'layout'] as const;
  /** Keys of a `persist` event kept for the next load (and sent back in `restore`). */
  const PERSIST_KEYS = ['visitor', 'session', 'render'] as const;
  /** Height before the frame reports its own, px: chat and preview fit without a jump on most sites. */
  const INITIAL_HEIGHT_PX = 640;
  /** Bounds on the reported height, px: never a sliver, never an endless page. */
  const MIN_HEIGHT_PX = 320;
  const MAX_HEIGHT_PX = 2400;
  /** Prefix of this site's localStorage keys (one per app origin and target). */
  const STORE_PREFIX = 'reelwright:';

  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement)) return;
  const appOrigin = new URL(script.src).origin;

  function read(key: string): string {
    try {
      return localStorage.getItem(key) ?? '';
    } catch {
      return '';
    }
  }

  function write(key: string, value: string | null): void {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      // Storage refused: the frame still works, a reload starts a new visitor.
    }
  }

  function mount(target: HTMLElement, index: number, options: DOMStringMap): void {
    if (target.dataset.reelwrightMounted) return;
    target.dataset.reelwrightMounted = '1';
    const query = new URLSearchParams({ parent: location.origin });
    for (const name of OPTION_NAMES) {
      const value = target.dataset[name] ?? options[name];
      if (value) query.set(name, value);
    }
    const key = `${STORE_PREFIX}${appOrigin}#${target.id || index}`;
    const frame = document.createElement('iframe');
    frame.src = `${appOrigin}/embed?${query}`;
    frame.title = target.dataset.title ?? 'Reelwright video maker';
    frame.style.cssText = `display:block;width:100%;max-width:100%;border:0;height:${INITIAL_HEIGHT_PX}px`;
    target.appendChild(frame);

    addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.source !== frame.contentWindow || event.origin !== appOrigin) return;
      const data = event.data;
      if (typeof data !== 'object' || data === null) return;
      const fields = data as Record<string, unknown>;
      const type = fields.type;
      if (fields.source !== SOURCE || typeof type !== 'string' || !EVENT_TYPES.includes(type))
        return;
      if (type === 'resize' && typeof fields.height === 'number') {
        frame.style.height = `${Math.min(MAX_HEIGHT_PX, Math.max(MIN_HEIGHT_PX, Math.ceil(fields.height)))}px`;
      }
      if (type === 'hello') {
        const saved = new URLSearchParams(read(key));
        const restore: Record<string, string | null> = { type: 'restore' };
        for (const name of PERSIST_KEYS) restore[name] = saved.get(name);
        frame.contentWindow?.postMessage(restore, appOrigin);
      }
      if (type === 'forget') write(key, null);
      if (type === 'persist') {
        const keep = new URLSearchParams();
        for (const name of PERSIST_KEYS) {
          const value = fields[name];
          if (typeof value === 'string' && value !== '') keep.set(name, value);
        }
        write(key, keep.toString());
      }
      target.dispatchEvent(new CustomEvent(`reelwright:${type}`, { detail: data, bubbles: true }));
    });
  }

  function start(this: void): void {
    if (!(script instanceof HTMLScriptElement)) return;
    const targets = Array.from(document.querySelectorAll<HTMLElement>('[data-reelwright]'));
    if (targets.length === 0) {
      const target = document.createElement('div');
      script.insertAdjacentElement('afterend', target);
      targets.push(target);
    }
    for (const [index, target] of targets.entries()) mount(target, index, script.dataset);
  }

  // A tag in <head> runs before the targets exist: wait for the document.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
