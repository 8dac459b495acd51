/**
 * @module credits-model
 * The visitor's credit balance for the header badge and the "credits" intent. Refreshed on load
 * and after each export (an export reserves credits; a failed one refunds what it did not render).
 */
import { action, computed, createModel, signal } from '@preact/signals';
import type { CreditsAnswer } from '../../../shared/api-schema';
import type { ApiClient } from '../api-client';
import { t } from '../i18n/locale';

/** The credits model: `credits` (null until loaded) and the badge text `label`. */
export const CreditsModel = createModel((api: ApiClient) => {
  const credits = signal<CreditsAnswer | null>(null);

  /** `"87 credits"`, `"1 credit"`, `"Credits: after your first message"` (in the current locale), or null before the first answer. */
  const label = computed(() => {
    const value = credits.value;
    if (value === null) return null;
    if (value.available === null) return t('credits.unknown');
    return t(value.available === 1 ? 'credits.one' : 'credits.other', { count: value.available });
  });

  /** Fetches the balance; rejects with ApiError (the caller decides whether to show it). */
  const refresh = action(async (): Promise<CreditsAnswer> => {
    const value = await api.getCredits();
    credits.value = value;
    return value;
  });

  return { credits, label, refresh };
});

export type CreditsModel = InstanceType<typeof CreditsModel>;

/**
 * The balance said as an assistant reply, for the "credits" intent.
 *
 * @example
 * describeCredits({ available: 87, frozen: 3, total: 90 })
 * // "You have 87 credits available (3 reserved for a render in progress). An export uses credits; a failed export gives them back."
 */
export function describeCredits(value: CreditsAnswer): string {
  if (value.available === null) return value.note;
  const unit = value.available === 1 ? 'credit' : 'credits';
  const reserved = value.frozen > 0 ? ` (${value.frozen} reserved for a render in progress)` : '';
  return `You have ${value.available} ${unit} available${reserved}. An export uses credits; a failed export gives them back.`;
}
