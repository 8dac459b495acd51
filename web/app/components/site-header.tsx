/**
 * @module site-header
 * The top bar: the product name, "Library" (the visitor's videos), "New video" and the credits badge.
 */
import { useApp } from '../app-context';
import { CreditsBadge } from './credits-badge';

/** The page header. "New video" appears once there is something to start over from. */
export function SiteHeader() {
  const app = useApp();
  const canStartOver = !app.chat.isEmpty.value || app.draft.hasDraft.value;
  return (
    <header class="site-header">
      <h1 class="brand">
        <span class="brand-mark" aria-hidden="true" />
        Reelwright
      </h1>
      <div class="header-tools">
        <button
          type="button"
          class="button button--ghost"
          aria-expanded={app.library.isOpen.value ? 'true' : 'false'}
          onClick={() => (app.library.isOpen.value ? app.library.hide() : void app.library.show())}
        >
          Library
        </button>
        {canStartOver && (
          <button type="button" class="button button--ghost" onClick={() => app.startNewVideo()}>
            New video
          </button>
        )}
        <CreditsBadge />
      </div>
    </header>
  );
}
