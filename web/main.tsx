/**
 * @module main
 * SPA entry: loads the UI font and stylesheet, picks the language (i18n/locale-preference),
 * creates the app model, mounts the app and loads the visitor's credits and stored session.
 */
import './zod-jitless'; // first: before any zod schema is built
import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import '@fontsource/inter/700.css';
import './app/styles.css';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { createApiClient } from './app/api-client';
import { App } from './app/components/app';
import { htmlLang, locale, setLocale } from './app/i18n/locale';
import { pickLocale, readStoredLocale } from './app/i18n/locale-preference';
import { AppModel } from './app/models/app-model';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');

const model = new AppModel(createApiClient());
effect(() => {
  document.documentElement.lang = htmlLang(locale.value);
});
const startLocale = pickLocale({
  requested: new URLSearchParams(location.search).get('lang'),
  stored: readStoredLocale(),
  navigatorLanguage: navigator.language,
});
// Drawn once the language is loaded (at once for English), so Chinese pages never flash English.
void setLocale(startLocale).finally(() => render(<App model={model} />, root));
void model.load();
