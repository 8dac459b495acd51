/**
 * @module main
 * SPA entry: loads the UI font and stylesheet, creates the app model, mounts the app and loads
 * the visitor's credits and stored session.
 */
import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import '@fontsource/inter/700.css';
import './app/styles.css';
import { render } from 'preact';
import { createApiClient } from './app/api-client';
import { App } from './app/components/app';
import { AppModel } from './app/models/app-model';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');

const model = new AppModel(createApiClient());
render(<App model={model} />, root);
void model.load();
