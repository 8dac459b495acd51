/**
 * @module mix-audio
 * Mixes a draft's audio tracks into one 48 kHz stereo `AudioBuffer` as long as the video:
 * generated music (looped from {@link renderMusicLoop}) at each segment's volume with its fade in
 * and fade out, and uploaded sound (`source.type === 'media'`: MP3, WAV, M4A, AAC, Ogg
 * Vorbis/Opus, or a clip's own track) decoded with `decodeAudioData`, played from its
 * `sourceStartMs`, looped when shorter than the segment. Without a media loader, uploaded sound
 * is left out (silent).
 *
 * Main thread only: `OfflineAudioContext` does not exist in workers. The export then transfers
 * the channel data to the encode worker.
 */
import type { AudioSegment, Draft } from '../../shared/draft-schema';
import { AUDIO_CHANNELS, AUDIO_SAMPLE_RATE } from './encoder-settings';
import { renderMusicLoop } from './generate-music';
import type { MediaLoader } from './media-frames';
import { RenderError, toRenderError } from './render-errors';

/** Samples per millisecond at the export rate. */
const SAMPLES_PER_MS = AUDIO_SAMPLE_RATE / 1000;

/** When overlapping segments sum above this peak, the whole mix is scaled down to it (no clipping). */
const MIX_PEAK_LIMIT = 0.98;

/**
 * Renders the draft's soundtrack.
 * @returns a stereo AudioBuffer at 48 kHz, `durationMs * 48` frames long (silent when the draft
 *   has no audio)
 * @throws RenderError `audio-mix-failed` without `OfflineAudioContext` (e.g. called in a worker)
 *   or when rendering fails
 */
export async function mixAudio(draft: Draft, loadMedia?: MediaLoader): Promise<AudioBuffer> {
  if (typeof OfflineAudioContext === 'undefined') {
    throw new RenderError(
      'audio-mix-failed',
      'This browser cannot mix audio (OfflineAudioContext missing).',
    );
  }
  try {
    const length = Math.round(draft.durationMs * SAMPLES_PER_MS);
    const ctx = new OfflineAudioContext(AUDIO_CHANNELS, length, AUDIO_SAMPLE_RATE);
    const decoded = new Map<string, AudioBuffer>();
    for (const track of draft.tracks) {
      if (track.kind !== 'audio') continue;
      for (const segment of track.segments) {
        if (segment.source.type === 'generated-music') {
          const loop = await renderMusicLoop(
            segment.source.mood,
            segment.source.tempoBpm,
            AUDIO_SAMPLE_RATE,
          );
          scheduleSegment(ctx, segment, loop);
          continue;
        }
        if (!loadMedia) continue;
        const { mediaId, sourceStartMs } = segment.source;
        let buffer = decoded.get(mediaId);
        if (!buffer) {
          buffer = await decodeUpload(ctx, await loadMedia(mediaId));
          decoded.set(mediaId, buffer);
        }
        scheduleSegment(ctx, segment, buffer, sourceStartMs / 1000);
      }
    }
    const mix = await ctx.startRendering();
    limitPeak(mix);
    return mix;
  } catch (error) {
    throw toRenderError(error, 'audio-mix-failed', 'Mixing the audio failed');
  }
}

/** Decodes an uploaded file's sound. @throws RenderError `media-failed` when it holds none we can decode */
async function decodeUpload(ctx: OfflineAudioContext, blob: Blob): Promise<AudioBuffer> {
  try {
    return await ctx.decodeAudioData(await blob.arrayBuffer());
  } catch (cause) {
    throw new RenderError(
      'media-failed',
      'The sound of an uploaded file could not be decoded; try MP3, WAV, M4A or Ogg.',
      { cause },
    );
  }
}

/**
 * Plays `loop` (from `offsetS` seconds into it, wrapping round) from the segment start to its
 * end with the segment's volume and fades.
 */
function scheduleSegment(
  ctx: OfflineAudioContext,
  segment: AudioSegment,
  loop: AudioBuffer,
  offsetS = 0,
): void {
  const start = segment.startMs / 1000;
  const end = (segment.startMs + segment.durationMs) / 1000;
  const source = ctx.createBufferSource();
  source.buffer = loop;
  source.loop = true;
  const gain = ctx.createGain();
  // Fades never overlap: each takes at most half the segment.
  const half = segment.durationMs / 2000;
  const fadeIn = Math.min(segment.fadeInMs / 1000, half);
  const fadeOut = Math.min(segment.fadeOutMs / 1000, half);
  gain.gain.setValueAtTime(fadeIn > 0 ? 0 : segment.volume, start);
  if (fadeIn > 0) gain.gain.linearRampToValueAtTime(segment.volume, start + fadeIn);
  gain.gain.setValueAtTime(segment.volume, end - fadeOut);
  if (fadeOut > 0) gain.gain.linearRampToValueAtTime(0, end);
  source.connect(gain).connect(ctx.destination);
  source.start(start, loop.duration > 0 ? offsetS % loop.duration : 0);
  source.stop(end);
}

/** Scales the whole mix down if overlapping segments pushed it above {@link MIX_PEAK_LIMIT}. */
function limitPeak(mix: AudioBuffer): void {
  let peak = 0;
  for (let channel = 0; channel < mix.numberOfChannels; channel++) {
    for (const sample of mix.getChannelData(channel)) peak = Math.max(peak, Math.abs(sample));
  }
  if (peak <= MIX_PEAK_LIMIT) return;
  const gain = MIX_PEAK_LIMIT / peak;
  for (let channel = 0; channel < mix.numberOfChannels; channel++) {
    const data = mix.getChannelData(channel);
    for (let i = 0; i < data.length; i++) data[i] = (data[i] ?? 0) * gain;
  }
}
