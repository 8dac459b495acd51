/**
 * @module forget-me-button
 * "Forget me on this site", shown in the widget when a host frames it: after the visitor
 * confirms, the edge revokes their widget token (`DELETE /api/widget-token`), the frame drops
 * what it kept, tells the host page to delete its copy (`forget`), and starts again as a new visitor.
 */
import { apiErrorFromResponse } from '../app/api-error';
import { t } from '../app/i18n/locale';
import type { NoticeModel } from '../app/models/notice-model';
import type { VisitorTokenStore } from './visitor-token-store';

/** What the button needs from embed.tsx. */
export interface ForgetMeButtonProps {
  tokens: VisitorTokenStore;
  notices: NoticeModel;
  /** Drops the visitor here and tells the host page (embed.tsx `forgetHere`). */
  forget(): void;
}

/** The button; a failure to reach the edge is shown in the error banner and nothing is forgotten. */
export function ForgetMeButton({ tokens, notices, forget }: ForgetMeButtonProps) {
  async function onClick(): Promise<void> {
    if (!confirm(t('embed.forgetMeConfirm'))) return;
    try {
      const response = await tokens.fetch('/api/widget-token', { method: 'DELETE' });
      if (!response.ok) throw await apiErrorFromResponse(response);
    } catch (cause) {
      notices.showFailure(cause);
      return;
    }
    forget();
    location.reload();
  }
  return (
    <footer class="embed-footer">
      <button
        type="button"
        class="button button--ghost button--small"
        onClick={() => void onClick()}
      >
        {t('embed.forgetMe')}
      </button>
    </footer>
  );
}
