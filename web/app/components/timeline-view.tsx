/**
 * @module timeline-view
 * The draft drawn as a timeline: a time ruler, one row per track with its segments as boxes
 * placed to scale (each a button that moves the preview there), the playhead, the summary line
 * and the latest changes.
 */
import type { Track } from '../../../shared/draft-schema';
import { useApp } from '../app-context';
import { formatSpan } from '../format/format-time';
import { rulerTicks } from '../format/ruler-ticks';
import { t } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages-en';

/** Catalogue keys of the track kinds' names. */
const KIND_LABEL: Readonly<Record<Track['kind'], MessageKey>> = {
  video: 'timeline.kindVideo',
  audio: 'timeline.kindAudio',
  text: 'timeline.kindText',
};

/** The text shown in a segment's box: a scene label, a music label with its volume, or the words. */
function segmentCaption(track: Track, index: number): string {
  switch (track.kind) {
    case 'video':
      return track.segments[index]?.label ?? '';
    case 'audio': {
      const segment = track.segments[index];
      return segment ? `${segment.label} (${Math.round(segment.volume * 100)}%)` : '';
    }
    case 'text':
      return track.segments[index]?.text.replace(/\s+/g, ' ') ?? '';
  }
}

/** The upload's thumbnail (frame, picture or waveform) behind a segment that shows or plays one. */
function segmentThumbnail(
  track: Track,
  index: number,
  thumbnails: ReadonlyMap<string, string | null>,
): string | null {
  const segment =
    track.kind === 'video'
      ? track.segments[index]?.visual
      : track.kind === 'audio'
        ? track.segments[index]?.source
        : undefined;
  return segment?.type === 'media' ? (thumbnails.get(segment.mediaId) ?? null) : null;
}

/** The preview's position over the lanes; its own component so playback re-renders only it. */
function Playhead({ durationMs }: { durationMs: number }) {
  const { player } = useApp();
  const fraction = Math.min(1, player.positionMs.value / durationMs);
  return (
    <div class="playhead-track" aria-hidden="true">
      <span class="playhead" style={{ left: `${fraction * 100}%` }} />
    </div>
  );
}

/** The timeline section (a short explanation before the first draft). */
export function TimelineView() {
  const app = useApp();
  const draft = app.draft.draft.value;
  // While there is a batch the draft shown is its selected item's; its changes are the batch's.
  const changes =
    app.batch.current.value !== null ? app.batch.changes.value : app.draft.changes.value;
  const thumbnails = new Map(app.media.items.value.map((item) => [item.id, item.thumbnail]));
  return (
    <section class="panel timeline-panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" class="panel-title">
        {t('timeline.heading')}
      </h2>
      {draft === null ? (
        <p class="muted">{t('timeline.empty')}</p>
      ) : (
        <>
          <p class="timeline-summary">{app.draft.summary.value}</p>
          <div class="timeline">
            <div class="ruler" aria-hidden="true">
              {rulerTicks(draft.durationMs).map((tick) => (
                <span
                  key={tick.timeMs}
                  class="ruler-tick"
                  style={{ left: `${tick.fraction * 100}%` }}
                >
                  {tick.label}
                </span>
              ))}
            </div>
            <ul class="tracks" aria-label={t('timeline.tracks')}>
              {draft.tracks.map((track) => (
                <li key={track.id} class={`track track--${track.kind}`}>
                  <span class="track-name">
                    {t(KIND_LABEL[track.kind])}
                    <span class="track-detail">{track.name}</span>
                  </span>
                  <ul
                    class="lane"
                    aria-label={t('timeline.lane', {
                      kind: t(KIND_LABEL[track.kind]),
                      name: track.name,
                    })}
                  >
                    {track.segments.map((segment, index) => {
                      const caption = segmentCaption(track, index);
                      const span = formatSpan(
                        segment.startMs,
                        segment.startMs + segment.durationMs,
                      );
                      const thumbnail = segmentThumbnail(track, index, thumbnails);
                      return (
                        <li
                          key={segment.id}
                          class={thumbnail === null ? 'segment' : 'segment segment--thumb'}
                          style={{
                            left: `${(segment.startMs / draft.durationMs) * 100}%`,
                            width: `${(segment.durationMs / draft.durationMs) * 100}%`,
                            ...(thumbnail === null
                              ? {}
                              : { backgroundImage: `url("${thumbnail}")` }),
                          }}
                        >
                          <button
                            type="button"
                            class="segment-button"
                            title={`${caption} · ${span}`}
                            aria-label={t('timeline.segment', { caption, span })}
                            onClick={() => app.player.seek(segment.startMs)}
                          >
                            {caption}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ul>
            <Playhead durationMs={draft.durationMs} />
          </div>
          {changes.length > 0 && (
            <div class="changes">
              <h3 class="changes-title">{t('timeline.changes')}</h3>
              <ul class="changes-list">
                {changes.map((change, index) => (
                  <li key={`${index}-${change}`}>{change}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
