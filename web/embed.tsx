/**
 * @module embed
 * Entry of `/embed`, the widget's page (framed by `widget.js` on allowed sites): the same app
 * in the layout the host chose, in its language, themed by its options, talking to the edge with the visitor
 * token as well as the cookie (see embed/visitor-token-store), restoring what the host page
 * kept, and speaking the postMessage API (embed/embed-bridge). The renderer is loaded only when
 * an export starts, as in the full app.
 */
import './zod-jitless'; // first: before any zod schema is built
import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import './app/styles.css';
import './embed/embed.css';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { parseEmbedOptions } from '../shared/embed-protocol';
import { createApiClient } from './app/api-client';
import { CompactApp } from './app/components/compact-app';
import { htmlLang, locale, setLocale } from './app/i18n/locale';
import { AppModel } from './app/models/app-model';
import { readStoredSessionId, writeStoredSessionId } from './app/models/session-id-store';
import { applyDefaultAspect } from './embed/default-aspect';
import { applyEmbedTheme } from './embed/embed-theme';
import { readStoredRenderId, startEmbedBridge } from './embed/embed-bridge';
import { createVisitorTokenStore } from './embed/visitor-token-store';

/** Name of the meta tag the edge writes the allow-list into (functions/routes/embed-page.ts). */
const ALLOWED_ORIGINS_META = 'reelwright-allowed-origins';

const root = document.getElementById('app');
if (root === null) throw new Error('embed.html has no #app element');

const options = parseEmbedOptions(new URLSearchParams(location.search));
/** What the host page kept for us (`#visitor=…&session=…&render=…`), read once and removed from the address. */
const kept = new URLSearchParams(location.hash.slice(1));
if (location.hash !== '') history.replaceState(null, '', location.pathname + location.search);
if (readStoredSessionId() === null && kept.get('session')) writeStoredSessionId(kept.get('session'));

applyEmbedTheme(document.documentElement, options);
const allowedOrigins = (document.querySelector<HTMLMetaElement>(`meta[name="${ALLOWED_ORIGINS_META}"]`)?.content ?? '')
  .split(' ')
  .filter((origin) => origin !== '');

const tokens = createVisitorTokenStore(kept.get('visitor'));
const api = createApiClient({ fetchImpl: tokens.fetch });
const model = new AppModel(api);
const bridge = startEmbedBridge({ model, parentOrigin: options.parent, allowedOrigins, tokens });

// The page's `lang` follows the language shown (the full layout's header can switch it).
effect(() => {
  document.documentElement.lang = htmlLang(locale.value);
});
// Drawn once the host's language is loaded (at once for English), so Chinese pages never flash English.
// The full layout's extra parts (header, library, timeline, media bin) load only when asked for
// (if that chunk cannot load, the compact layout is shown instead).
const loadRoot = options.layout === 'full' ? import('./app/components/app').then((module) => module.App, () => CompactApp) : Promise.resolve(CompactApp);
void Promise.all([loadRoot, setLocale(options.lang)]).then(([Root]) => {
  render(<Root model={model} composerPlaceholder={options.placeholder} />, root);
});

/** Loads the app, then the last finished render (if the edge still has it), then says `ready`. */
async function start(): Promise<void> {
  await model.load();
  applyDefaultAspect(model, options.aspect);
  let lastRender: { renderId: string; downloadUrl: string } | null = null;
  const shown = model.render.job.value;
  const shownUrl = model.render.downloadUrl.value;
  if (model.render.phase.value === 'completed' && shown !== null && shownUrl !== null) {
    lastRender = { renderId: shown.id, downloadUrl: shownUrl }; // the app restored it already
  }
  const renderId = readStoredRenderId() ?? kept.get('render');
  if (lastRender === null && renderId !== null && model.session.sessionId.value !== null) {
    try {
      const info = await api.getRender(renderId);
      if (info.status === 'completed' && info.downloadUrl !== null && info.sessionId === model.session.sessionId.value) {
        await model.render.restore(info);
        lastRender = { renderId: info.id, downloadUrl: info.downloadUrl };
      }
    } catch {
      // Gone or another visitor's: start without it.
    }
  }
  bridge.announceReady(lastRender);
}

void start();
