/**
 * @module media-bin
 * The session's media: upload control, files on their way, and a thumbnail per ready upload
 * with its kind and length.
 */
import type { MediaItem, MediaKind } from '../../../shared/media-schema';
import { useApp } from '../app-context';
import { t } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages-en';
import './media-bin.css';
import { formatClock } from '../format/format-time';
import { UploadControl } from './upload-control';
import { UploadProgressList } from './upload-progress-list';

/** Catalogue keys of the media kinds' names. */
const KIND_KEY: Readonly<Record<MediaKind, MessageKey>> = {
  video: 'media.kindVideo',
  image: 'media.kindImage',
  audio: 'media.kindAudio',
};

/** An item's facts in words: "video · 1920×1080 · 0:12". */
function describe(item: MediaItem): string {
  const info = item.info;
  if (info === null) return item.status === 'ready' ? '' : t('media.uploading');
  const size = info.width !== null && info.height !== null ? `${info.width}×${info.height}` : '';
  const length = info.durationMs !== null ? formatClock(info.durationMs) : '';
  return [t(KIND_KEY[info.kind]), size, length].filter((part) => part !== '').join(' · ');
}

/** The media bin panel. */
export function MediaBin() {
  const { media } = useApp();
  const items = media.items.value;
  return (
    <section class="panel media-bin" aria-labelledby="media-heading">
      <h2 id="media-heading" class="panel-title">
        {t('media.heading')}
      </h2>
      <UploadControl />
      <UploadProgressList />
      {items.length > 0 && (
        <ul class="media-items" data-testid="media-items">
          {items.map((item) => (
            <li key={item.id} class="media-item" data-status={item.status} title={item.name}>
              {item.thumbnail !== null ? (
                <img src={item.thumbnail} alt="" width={160} height={90} />
              ) : (
                <span class="media-item-blank" aria-hidden="true" />
              )}
              <span class="media-item-name">{item.name}</span>
              <span class="muted">{describe(item)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
