/**
 * @module credits-badge
 * The header's balance: "87 credits" (hidden until the first answer).
 */
import { useApp } from '../app-context';

/** Shows the visitor's available credits; reserved credits are given in the tooltip. */
export function CreditsBadge() {
  const { credits } = useApp();
  const label = credits.label.value;
  const value = credits.credits.value;
  if (label === null || value === null) return null;
  const title = value.frozen > 0 ? `${value.frozen} reserved for a render in progress` : undefined;
  return (
    <span class="credits-badge" title={title}>
      {label}
    </span>
  );
}
