/**
 * @module api-keys-section
 * "API keys" in the library panel: make a key for the render API (named, shown once with its
 * webhook secret and a Copy button each), list the keys (name, first characters, made, last
 * used) and revoke one. Plain form controls with labels; outcomes are announced (`role="status"`).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiKeyInfo } from '../../../shared/render-api-schema';
import { useApp } from '../app-context';
import { htmlLang, locale, t } from '../i18n/locale';

function when(ms: number): string {
  return new Date(ms).toLocaleString(locale.value === 'en' ? undefined : htmlLang(locale.value));
}

/** A read-only value with a Copy button that says when it copied. */
function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="api-key-secret">
      <label for={id}>{label}</label>
      <input
        id={id}
        class="api-key-value"
        readOnly
        value={value}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button
        type="button"
        class="button button--ghost"
        aria-label={t('apiKeys.copyNamed', { what: label })}
        onClick={() =>
          void navigator.clipboard.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('apiKeys.copy')}
      </button>
      <span role="status" class="muted">
        {copied ? t('apiKeys.copied') : ''}
      </span>
    </div>
  );
}

function KeyItem({ apiKey }: { apiKey: ApiKeyInfo }) {
  const { apiKeys } = useApp();
  const name = apiKey.name === '' ? apiKey.prefix : apiKey.name;
  return (
    <li class="api-key-item">
      <span>
        <strong>{name}</strong> <code>{apiKey.prefix}…</code>
        <span class="muted">
          {' · '}
          {t('apiKeys.made', { when: when(apiKey.createdAtMs) })}
          {' · '}
          {apiKey.lastUsedAtMs === null
            ? t('apiKeys.neverUsed')
            : t('apiKeys.lastUsed', { when: when(apiKey.lastUsedAtMs) })}
        </span>
      </span>
      <button
        type="button"
        class="button button--ghost"
        aria-label={t('apiKeys.revokeNamed', { name })}
        disabled={apiKeys.busy.value}
        onClick={() => void apiKeys.revoke(apiKey.id)}
      >
        {t('apiKeys.revoke')}
      </button>
    </li>
  );
}

/** The API keys section; loads the list when shown. */
export function ApiKeysSection() {
  const { apiKeys } = useApp();
  const [name, setName] = useState('');
  useEffect(() => {
    void apiKeys.refresh();
  }, [apiKeys]);
  const created = apiKeys.created.value;
  return (
    <section class="api-keys" aria-labelledby="api-keys-heading">
      <h3 id="api-keys-heading" class="panel-title">
        {t('apiKeys.heading')}
      </h3>
      <p class="muted">{t('apiKeys.intro')}</p>
      <form
        class="api-key-form"
        onSubmit={(event) => {
          event.preventDefault();
          void apiKeys.create(name).then(() => setName(''));
        }}
      >
        <label for="api-key-name">{t('apiKeys.nameLabel')}</label>
        <input
          id="api-key-name"
          value={name}
          maxLength={60}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={apiKeys.busy.value}>
          {t('apiKeys.create')}
        </button>
      </form>
      {created !== null && (
        <fieldset class="api-key-created">
          <legend>{t('apiKeys.shownOnce')}</legend>
          <CopyField id="api-key-new" label={t('apiKeys.keyLabel')} value={created.key} />
          <CopyField
            id="api-key-webhook-secret"
            label={t('apiKeys.webhookSecretLabel')}
            value={created.webhookSecret}
          />
          <button
            type="button"
            class="button button--ghost"
            onClick={() => apiKeys.dismissCreated()}
          >
            {t('apiKeys.done')}
          </button>
        </fieldset>
      )}
      <p role="status" class="export-error">
        {apiKeys.error.value ?? ''}
      </p>
      {apiKeys.keys.value.length === 0 ? (
        <p class="muted">{t('apiKeys.none')}</p>
      ) : (
        <ul class="api-key-list" aria-label={t('apiKeys.heading')}>
          {apiKeys.keys.value.map((apiKey) => (
            <KeyItem key={apiKey.id} apiKey={apiKey} />
          ))}
        </ul>
      )}
    </section>
  );
}
