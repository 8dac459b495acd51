/**
 * @module site-footer
 * The full page's footer: the app's licence (GPL-3.0-or-later) and the third-party notices the
 * build writes (`/third-party-notices.txt`, scripts/lib/third-party-notices.ts).
 */
import { t } from '../i18n/locale';

/** Where the build puts the notices of every package the browser downloads. */
const NOTICES_URL = '/third-party-notices.txt';
/** The licence's canonical text. */
const LICENSE_URL = 'https://www.gnu.org/licenses/gpl-3.0.html';

/** A one-line footer with the licence and the notices link. */
export function SiteFooter() {
  return (
    <footer class="site-footer">
      <a href={LICENSE_URL} rel="license noopener" target="_blank">
        {t('footer.license')}
      </a>
      {' · '}
      <a href={NOTICES_URL} target="_blank" rel="noopener">
        {t('footer.notices')}
      </a>
    </footer>
  );
}
