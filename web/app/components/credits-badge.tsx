/**
 * @module credits-badge
 * The header's balance: "87 credits" (hidden until the first answer), or, while the remote
 * engine has no balance for the visitor yet, a short note with the server's explanation as tooltip.
 */
import { useApp } from '../app-context';
import { t } from '../i18n/locale';

/** Shows the visitor's available credits; reserved credits are given in the tooltip. */
export function CreditsBadge() {
  const { credits } = useApp();
  const label = credits.label.value;
  const value = credits.credits.value;
  if (label === null || value === null) return null;
  const title =
    value.available === null
      ? value.note
      : value.frozen > 0
        ? t('credits.reserved', { count: value.frozen })
        : undefined;
  return (
    <span class="credits-badge" title={title}>
      {label}
    </span>
  );
}
