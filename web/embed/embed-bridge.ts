/**
 * @module embed-bridge
 * The widget's `postMessage` API (shared/embed-protocol.ts). Events go to the host page with
 * its exact origin as `targetOrigin` (never `*`), and only when that origin is on the allow-list
 * the edge wrote into the page. Commands are accepted only from `window.parent` at that origin,
 * parsed with zod, and run as the visitor's own actions (send a message, export). What the host
 * kept (the widget token, session and render) comes back the same way, as the `restore` answer
 * to `hello`, and only then: an identity never comes from a URL, nor from a page that is not
 * really framed by an allowed host. Download links go out as the edge signed them (each opens
 * its one file, no cookie needed), made absolute.
 */
import { effect } from '@preact/signals';
import {
  EMBED_EVENT_SOURCE,
  EMBED_PROTOCOL_VERSION,
  embedCommandSchema,
} from '../../shared/embed-protocol';
import type { EmbedEventBody } from '../../shared/embed-events';
import type { KeptState } from '../../shared/embed-protocol';
import type { AppModel } from '../app/models/app-model';
import type { VisitorTokenStore } from './visitor-token-store';

/** localStorage key of the last finished render's id (this frame's partition). */
export const RENDER_ID_KEY = 'reelwright.renderId';
/**
 * How long the frame waits for the host's `restore` before it starts without it, ms. The loader
 * answers `hello` at once (a few ms); a host page without the loader costs this delay once.
 */
export const RESTORE_WAIT_MS = 1_500;
/** Nothing kept: a new visitor. */
const NOTHING_KEPT: KeptState = { visitor: null, session: null, render: null };

/** What the bridge needs. */
export interface EmbedBridgeOptions {
  model: AppModel;
  /** The host page's origin as the loader declared it (`?parent=`). */
  parentOrigin: string;
  /** `EMBED_ALLOWED_ORIGINS` as the edge wrote it into the page. */
  allowedOrigins: readonly string[];
  /** The widget credential; null when not framed by an allowed host (then nothing is persisted). */
  tokens: VisitorTokenStore | null;
  /** The host window (default `window.parent`). */
  host?: Window;
}

/** A running bridge. */
export interface EmbedBridge {
  /** True when the host origin is allowed and the page is framed: events are sent. */
  readonly active: boolean;
  /** Says `hello` and resolves with the host's `restore` (nothing kept when inert, or after {@link RESTORE_WAIT_MS}). */
  receiveKept(): Promise<KeptState>;
  /** Tells the host to delete what it kept (`forget`). */
  forget(): void;
  /** Sends `ready` (after the app has loaded) and starts accepting commands; `downloadUrl` as the edge answered it. */
  announceReady(lastRender: { renderId: string; downloadUrl: string } | null): void;
  /** Removes listeners and effects. */
  stop(): void;
}

/** Stores (or clears) the last finished render id; silently nothing without storage. */
export function writeStoredRenderId(id: string | null): void {
  try {
    if (id === null) globalThis.localStorage?.removeItem(RENDER_ID_KEY);
    else globalThis.localStorage?.setItem(RENDER_ID_KEY, id);
  } catch {
    // Storage blocked: the host page keeps it (persist event).
  }
}

/** The stored last render id, or null. */
export function readStoredRenderId(): string | null {
  try {
    return globalThis.localStorage?.getItem(RENDER_ID_KEY) ?? null;
  } catch {
    return null;
  }
}

/** `url` (a same-origin path the edge answered) as an absolute URL the host page can use. */
function absoluteUrl(url: string): string {
  return new URL(url, location.href).href;
}

/** True when this page is really framed (`host` is not itself) by `parentOrigin`, an allowed origin. */
export function framedByAllowedHost(
  parentOrigin: string,
  allowedOrigins: readonly string[],
  host: Window = window.parent,
): boolean {
  return host !== window && parentOrigin !== '' && allowedOrigins.includes(parentOrigin);
}

/**
 * Starts the bridge. Without an allowed, framed host it is inert (`active` false): the page
 * still works as a plain app.
 */
export function startEmbedBridge({
  model,
  parentOrigin,
  allowedOrigins,
  tokens,
  host = window.parent,
}: EmbedBridgeOptions): EmbedBridge {
  const active = framedByAllowedHost(parentOrigin, allowedOrigins, host);
  let restored: ((kept: KeptState) => void) | null = null;
  let ready = false;
  const disposers: Array<() => void> = [];

  function post(body: EmbedEventBody): void {
    if (active) host.postMessage({ source: EMBED_EVENT_SOURCE, ...body }, parentOrigin);
  }

  let lastRenderId: string | null = readStoredRenderId();
  function persist(): void {
    post({
      type: 'persist',
      visitor: tokens?.token() ?? null,
      session: model.session.sessionId.value,
      render: lastRenderId,
    });
  }

  function onMessage(event: MessageEvent<unknown>): void {
    if (!active || event.source !== host || event.origin !== parentOrigin) return;
    const parsed = embedCommandSchema.safeParse(event.data);
    if (!parsed.success) {
      post({
        type: 'error',
        code: 'invalid_command',
        message: 'Unknown or malformed command: expected prompt {text}, export or restore.',
      });
      return;
    }
    const command = parsed.data;
    if (command.type === 'restore') {
      restored?.(command); // only the first answer to `hello` counts
      restored = null;
      return;
    }
    if (!ready) {
      post({
        type: 'error',
        code: 'not_ready',
        message: 'The widget is still loading: wait for the "ready" event.',
      });
      return;
    }
    if (command.type === 'prompt') void model.send(command.text);
    else void model.exportVideo();
  }
  window.addEventListener('message', onMessage);
  disposers.push(() => window.removeEventListener('message', onMessage));

  tokens?.onChange(() => persist());
  disposers.push(
    effect(() => {
      const sessionId = model.session.sessionId.value; // read to subscribe: a new session is persisted
      if (ready && sessionId !== undefined) persist();
    }),
  );

  let sentVersion = 0;
  disposers.push(
    effect(() => {
      const version = model.draft.version.value;
      const sessionId = model.session.sessionId.value;
      if (!ready || sessionId === null || version <= sentVersion) return;
      sentVersion = version;
      post({
        type: 'draft-updated',
        sessionId,
        version,
        summary: model.draft.summary.peek(),
        changes: model.draft.changes.peek(),
      });
    }),
  );

  let sentPercent = -1;
  let completedId: string | null = null;
  disposers.push(
    effect(() => {
      const phase = model.render.phase.value;
      const job = model.render.job.value;
      const progress = model.render.progress.value;
      if (job === null) return;
      if (phase === 'rendering' || phase === 'uploading') {
        const percent = Math.floor(progress * 100);
        if (percent !== sentPercent) {
          sentPercent = percent;
          post({
            type: 'render-progress',
            renderId: job.id,
            progress: Math.min(1, Math.max(0, progress)),
          });
        }
      }
      const url = model.render.downloadUrl.value;
      if (phase === 'completed' && url !== null && completedId !== job.id) {
        completedId = job.id;
        sentPercent = -1;
        lastRenderId = job.id;
        writeStoredRenderId(job.id);
        if (!ready) return; // a restored render is announced in `ready`
        post({
          type: 'render-completed',
          renderId: job.id,
          downloadUrl: absoluteUrl(url),
          sizeBytes: model.render.sizeBytes.value,
        });
        persist();
      }
    }),
  );

  disposers.push(
    effect(() => {
      const message = model.notices.error.value;
      if (ready && message !== null) post({ type: 'error', code: 'app_error', message });
    }),
  );

  if (active && typeof ResizeObserver === 'function') {
    let sentHeight = 0;
    const observer = new ResizeObserver(() => {
      // The body's own height (min-height 0 in embed.css), so the frame can shrink as well as grow.
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height > 0 && height !== sentHeight) {
        sentHeight = height;
        post({ type: 'resize', height });
      }
    });
    observer.observe(document.body);
    disposers.push(() => observer.disconnect());
  }

  return {
    active,
    receiveKept() {
      if (!active) return Promise.resolve(NOTHING_KEPT);
      return new Promise((resolve) => {
        restored = resolve;
        setTimeout(() => restored?.(NOTHING_KEPT), RESTORE_WAIT_MS);
        post({ type: 'hello', protocol: EMBED_PROTOCOL_VERSION });
      });
    },
    forget() {
      lastRenderId = null;
      post({ type: 'forget' });
    },
    announceReady(lastRender) {
      ready = true;
      sentVersion = model.draft.version.peek();
      if (lastRender !== null) lastRenderId = lastRender.renderId;
      post({
        type: 'ready',
        protocol: EMBED_PROTOCOL_VERSION,
        sessionId: model.session.sessionId.peek(),
        draftVersion: model.draft.version.peek(),
        summary: model.draft.hasDraft.peek() ? model.draft.summary.peek() : '',
        lastRender:
          lastRender === null
            ? null
            : { renderId: lastRender.renderId, downloadUrl: absoluteUrl(lastRender.downloadUrl) },
      });
      persist();
    },
    stop() {
      for (const dispose of disposers.splice(0)) dispose();
    },
  };
}
