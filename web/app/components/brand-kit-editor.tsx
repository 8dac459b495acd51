/**
 * @module brand-kit-editor
 * The visitor's brand kit in the library panel: colour swatches (up to three, each a colour
 * input), the font, the logo (one of their picture uploads, with its thumbnail) and its corner;
 * "Save brand kit" stores it (`PUT /api/brand-kit`) for the videos they make next. Every control
 * has a label, the order of the form is the order of focus, a save's outcome is announced
 * (`role="status"`), a refusal is shown in the server's plain words (`role="alert"`).
 */
import { useEffect, useState } from 'preact/hooks';
import type { BrandKit, LogoCorner } from '../../../shared/brand-kit-schema';
import {
  BRAND_FONTS,
  EMPTY_BRAND_KIT,
  LOGO_CORNERS,
  MAX_BRAND_COLOURS,
} from '../../../shared/brand-kit-schema';
import type { MediaItem } from '../../../shared/media-schema';
import { listLogoCandidates, loadBrandKit, saveBrandKit } from '../brand/brand-kit-client';
import { plainError } from '../format/plain-error';
import { t } from '../i18n/locale';

/** The colour a new swatch starts with (the app's own blue). */
const NEW_COLOUR = '#2563eb';

/** The logo's key in the picker: `sessionId/mediaId`, or '' for none. */
const logoKey = (logo: BrandKit['logo']): string =>
  logo ? `${logo.sessionId}/${logo.mediaId}` : '';

/** The brand kit form (see the module doc). @param sessionIds the visitor's sessions, newest first */
export function BrandKitEditor({ sessionIds }: { sessionIds: readonly string[] }) {
  const [kit, setKit] = useState<BrandKit | null>(null);
  const [pictures, setPictures] = useState<MediaItem[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const sessionsKey = sessionIds.join(',');

  useEffect(() => {
    loadBrandKit().then(setKit, (cause: unknown) => {
      setKit(EMPTY_BRAND_KIT);
      setError(t('brand.loadFailed', { error: plainError(cause) }));
    });
  }, []);
  // Keyed by the ids' text, not the array's identity (a new array on every render).
  useEffect(() => {
    listLogoCandidates(sessionIds).then(setPictures, (cause: unknown) =>
      setError(t('brand.loadFailed', { error: plainError(cause) })),
    );
  }, [sessionsKey]);

  if (kit === null)
    return (
      <p class="muted" role="status">
        {t('brand.loading')}
      </p>
    );

  const change = (next: Partial<BrandKit>): void => {
    setKit({ ...kit, ...next });
    setStatus('');
  };
  const setColour = (index: number, value: string): void =>
    change({ colors: kit.colors.map((c, i) => (i === index ? value.toLowerCase() : c)) });
  const picked = pictures.find((item) => logoKey(kit.logo) === `${item.sessionId}/${item.id}`);

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      setKit(await saveBrandKit(kit));
      setStatus(t('brand.saved'));
    } catch (cause) {
      setError(t('brand.saveFailed', { error: plainError(cause) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="brand-kit" aria-labelledby="brand-kit-heading" data-testid="brand-kit">
      <h3 id="brand-kit-heading" class="panel-title">
        {t('brand.heading')}
      </h3>
      <p class="muted">{t('brand.intro')}</p>
      <form onSubmit={(event) => void save(event)}>
        <fieldset class="brand-colours">
          <legend>{t('brand.colours')}</legend>
          {kit.colors.length === 0 && <p class="muted">{t('brand.noColours')}</p>}
          <ul class="brand-swatches">
            {kit.colors.map((colour, index) => (
              <li key={index} class="brand-swatch">
                <label for={`brand-colour-${index + 1}`} class="sr-only">
                  {t('brand.colourN', { n: String(index + 1) })}
                </label>
                <input
                  id={`brand-colour-${index + 1}`}
                  type="color"
                  value={colour}
                  onInput={(e) => setColour(index, e.currentTarget.value)}
                />
                <code>{colour}</code>
                <button
                  type="button"
                  class="button button--ghost"
                  aria-label={t('brand.removeColourN', { n: String(index + 1) })}
                  onClick={() => change({ colors: kit.colors.filter((_, i) => i !== index) })}
                >
                  {t('brand.remove')}
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            class="button button--ghost"
            disabled={kit.colors.length >= MAX_BRAND_COLOURS}
            onClick={() => change({ colors: [...kit.colors, NEW_COLOUR] })}
          >
            {t('brand.addColour')}
          </button>
        </fieldset>
        <label class="brand-field" for="brand-font">
          {t('brand.font')}
        </label>
        <select
          id="brand-font"
          value={kit.font ?? ''}
          onChange={(e) => {
            const font = BRAND_FONTS.find((f) => f === e.currentTarget.value) ?? null;
            change({ font });
          }}
        >
          <option value="">{t('brand.fontDefault')}</option>
          {BRAND_FONTS.map((font) => (
            <option key={font} value={font}>
              {font}
            </option>
          ))}
        </select>
        <label class="brand-field" for="brand-logo">
          {t('brand.logo')}
        </label>
        <select
          id="brand-logo"
          value={logoKey(kit.logo)}
          onChange={(e) => {
            const item = pictures.find((p) => `${p.sessionId}/${p.id}` === e.currentTarget.value);
            change({ logo: item ? { sessionId: item.sessionId, mediaId: item.id } : null });
          }}
        >
          <option value="">{t('brand.noLogo')}</option>
          {kit.logo && !picked && (
            <option value={logoKey(kit.logo)}>{t('brand.logoElsewhere')}</option>
          )}
          {pictures.map((item) => (
            <option key={item.id} value={`${item.sessionId}/${item.id}`}>
              {item.name}
            </option>
          ))}
        </select>
        {picked?.thumbnail && (
          <img class="brand-logo-thumb" src={picked.thumbnail} alt={t('brand.logoAlt')} />
        )}
        {pictures.length === 0 && <p class="muted">{t('brand.noPictures')}</p>}
        <label class="brand-field" for="brand-corner">
          {t('brand.corner')}
        </label>
        <select
          id="brand-corner"
          value={kit.logoCorner}
          onChange={(e) => {
            const corner = LOGO_CORNERS.find((c) => c === e.currentTarget.value);
            if (corner) change({ logoCorner: corner });
          }}
        >
          {LOGO_CORNERS.map((corner: LogoCorner) => (
            <option key={corner} value={corner}>
              {t(`brand.corner.${corner}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="button" disabled={saving}>
          {saving ? t('brand.saving') : t('brand.save')}
        </button>
        <p class="muted" role="status">
          {status}
        </p>
        {error !== null && (
          <p class="export-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
