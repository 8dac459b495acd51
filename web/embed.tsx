/**
 * @module embed
 * Entry of `/embed`, the widget's page (framed by `widget.js` on allowed sites): the same app
 * in the layout the host chose, in its language, themed by its options, speaking the postMessage
 * API (embed/embed-bridge). Framed by an allowed host, it is known by the widget token (see
 * embed/visitor-token-store) that the host kept and hands back by `restore`, and offers "Forget
 * me on this site"; opened any other way it is the plain app with this site's own cookie, and
 * nothing in its URL can make it anyone else. The renderer is loaded only when an export starts,
 * as in the full app.
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
import { applyDefaultAspect } from './embed/default-aspect';
import { applyEmbedTheme } from './embed/embed-theme';
import {
  framedByAllowedHost,
  readStoredRenderId,
  startEmbedBridge,
  writeStoredRenderId,
} from './embed/embed-bridge';
import { ForgetMeButton } from './embed/forget-me-button';
import { createVisitorTokenStore, VISITOR_TOKEN_HEADER } from './embed/visitor-token-store';
import { setRequestHeaders } from './render/request-headers';

/** Name of the meta tag the edge writes the allow-list into (functions/routes/embed-page.ts). */
const ALLOWED_ORIGINS_META = 'reelwright-allowed-origins';

const root = document.getElementById('app');
if (root === null) throw new Error('embed.html has no #app element');

const options = parseEmbedOptions(new URLSearchParams(location.search));
applyEmbedTheme(document.documentElement, options);
const allowedOrigins = (
  document.querySelector<HTMLMetaElement>(`meta[name="${ALLOWED_ORIGINS_META}"]`)?.content ?? ''
)
  .split(' ')
  .filter((origin) => origin !== '');

// The widget token only where a host at an allowed origin really frames this page.
const tokens = framedByAllowedHost(options.parent, allowedOrigins)
  ? createVisitorTokenStore(() => forgetHere())
  : null;
if (tokens !== null) setRequestHeaders(() => ({ [VISITOR_TOKEN_HEADER]: tokens.token() ?? 'new' }));
const api = createApiClient({ fetchImpl: tokens?.fetch });
const model = new AppModel(api);
const bridge = startEmbedBridge({ model, parentOrigin: options.parent, allowedOrigins, tokens });

/** Forgets this visitor here and at the host (their token died or they asked): nothing of theirs is kept. */
function forgetHere(): void {
  tokens?.clear();
  model.session.forget();
  writeStoredRenderId(null);
  bridge.forget();
}

// The page's `lang` follows the language shown (the full layout's header can switch it).
effect(() => {
  document.documentElement.lang = htmlLang(locale.value);
});
// Drawn once the host's language is loaded (at once for English), so Chinese pages never flash English.
// The full layout's extra parts (header, library, timeline, media bin) load only when asked for
// (if that chunk cannot load, the compact layout is shown instead).
const loadRoot =
  options.layout === 'full'
    ? import('./app/components/app').then(
        (module) => module.App,
        () => CompactApp,
      )
    : Promise.resolve(CompactApp);
void Promise.all([loadRoot, setLocale(options.lang)]).then(([Root]) => {
  render(
    <>
      <Root model={model} composerPlaceholder={options.placeholder} />
      {tokens !== null && (
        <ForgetMeButton tokens={tokens} notices={model.notices} forget={forgetHere} />
      )}
    </>,
    root,
  );
});

/** Takes what the host kept, loads the app, then the last finished render (if the edge still has it), then says `ready`. */
async function start(): Promise<void> {
  const kept = await bridge.receiveKept();
  tokens?.adopt(kept.visitor);
  if (model.session.sessionId.peek() === null && kept.session !== null)
    model.session.open(kept.session);
  await model.load();
  applyDefaultAspect(model, options.aspect);
  let lastRender: { renderId: string; downloadUrl: string } | null = null;
  const shown = model.render.job.value;
  const shownUrl = model.render.downloadUrl.value;
  if (model.render.phase.value === 'completed' && shown !== null && shownUrl !== null) {
    lastRender = { renderId: shown.id, downloadUrl: shownUrl }; // the app restored it already
  }
  const renderId = readStoredRenderId() ?? kept.render;
  if (lastRender === null && renderId !== null && model.session.sessionId.value !== null) {
    try {
      const info = await api.getRender(renderId);
      if (
        info.status === 'completed' &&
        info.downloadUrl !== null &&
        info.sessionId === model.session.sessionId.value
      ) {
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
