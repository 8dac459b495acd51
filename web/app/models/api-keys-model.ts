/**
 * @module api-keys-model
 * The visitor's API keys for the render API (docs/http-api.md "Render API"), shown in the
 * library panel: the list (name, first characters, made, last used), the key just made (with
 * its webhook secret: shown once, until dismissed), and revoking one.
 */
import { action, batch, createModel, signal } from '@preact/signals';
import type { ApiKeyInfo, CreatedApiKey } from '../../../shared/render-api-schema';
import type { ApiClient } from '../api-client';
import { plainError } from '../format/plain-error';

/** `keys`, `created`, `busy`, `error`; `refresh`, `create`, `revoke`, `dismissCreated`. */
export const ApiKeysModel = createModel((api: ApiClient) => {
  const keys = signal<ApiKeyInfo[]>([]);
  /** The key just made, shown once; null otherwise. */
  const created = signal<CreatedApiKey | null>(null);
  const busy = signal(false);
  /** The last failure in plain words; null when the last call worked. */
  const error = signal<string | null>(null);

  /** Runs `work` as the one call in flight; a failure lands in `error`. Never rejects. */
  async function run(work: () => Promise<void>): Promise<void> {
    busy.value = true;
    try {
      await work();
      error.value = null;
    } catch (cause) {
      error.value = plainError(cause);
    } finally {
      busy.value = false;
    }
  }

  const refresh = action(() =>
    run(async () => {
      keys.value = await api.listApiKeys();
    }),
  );

  const create = action((name: string) =>
    run(async () => {
      const made = await api.createApiKey(name.trim());
      const listed = await api.listApiKeys();
      batch(() => {
        created.value = made;
        keys.value = listed;
      });
    }),
  );

  const revoke = action((keyId: string) =>
    run(async () => {
      await api.revokeApiKey(keyId);
      batch(() => {
        keys.value = keys.peek().filter((key) => key.id !== keyId);
        if (created.peek()?.apiKey.id === keyId) created.value = null;
      });
    }),
  );

  const dismissCreated = action(() => {
    created.value = null;
  });

  return { keys, created, busy, error, refresh, create, revoke, dismissCreated };
});

export type ApiKeysModel = InstanceType<typeof ApiKeysModel>;
