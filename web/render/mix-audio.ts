/**
 * @module mix-audio
 * Mixes a draft's audio tracks into one 48 kHz stereo `AudioBuffer` as long as the video:
 * generated music (looped from {@link renderMusicLoop}) at each segment's volume with its fade in
 * and fade out, and uploaded sound (`source.type === 'media'`: MP3, WAV, M4A, AAC, Ogg
 * Vorbis/Opus, or a clip's own track) decoded with `decodeAudioData`, played from its
 * `sourceStartMs`, looped when shorter than the segment. Without a media loader, uploaded sound
 * is left out (silent). Narration (`source.type === 'speech'`) is said by the speech worker
 * (web/narration/; the server's neural voice first when `voice` is given) within each segment's
 * slot and starts at the segment's `startMs`; music and
 * uploaded sound duck under it ({@link DUCK_GAIN}), so the voice is always heard.
 *
 * Main thread only: `OfflineAudioContext` does not exist in workers. The export then transfers
 * the channel data to the encode worker.
 */
import type { AudioSegment, Draft } from '../../shared/draft-schema';
import { speechSegments } from '../../shared/narration-track';
import type { NeuralVoiceRoute } from '../narration/neural-voice';
import { saySegments } from '../narration/speech-client';
import { AUDIO_CHANNELS, AUDIO_SAMPLE_RATE } from './encoder-settings';
import { renderMusicLoop } from './generate-music';
import type { MediaLoader } from './media-frames';
import { RenderError, toRenderError } from './render-errors';

/** Samples per millisecond at the export rate. */
const SAMPLES_PER_MS = AUDIO_SAMPLE_RATE / 1000;

/** When overlapping segments sum above this peak, the whole mix is scaled down to it (no clipping). */
const MIX_PEAK_LIMIT = 0.98;

/**
 * Music level under the voice, as a share of its own: 0.25 (−12 dB), the usual broadcast
 * ducking depth (EBU R 128 s1 leaves speech ~10–15 dB above the bed).
 */
export const DUCK_GAIN = 0.25;
/** The music starts ducking this long before the voice, ms: the first word is never masked. */
const DUCK_ATTACK_MS = 200;
/** …and comes back over this long after it, ms: slower than the attack so it does not pump. */
const DUCK_RELEASE_MS = 400;
/** Voice gain: eSpeak's peak sits near full scale; 0.9 leaves room for the ducked bed. */
const VOICE_GAIN = 0.9;
/** A time span, ms. */
type Span = { startMs: number; endMs: number };

/** The neural voice for the narration: where to ask, and who hears that it failed. */
export interface NarrationVoiceOptions {
  neural: NeuralVoiceRoute;
  /** Called once with a plain note when the neural voice failed and the offline voice spoke. */
  onNote(note: string): void;
}

/**
 * Renders the draft's soundtrack.
 * @returns a stereo AudioBuffer at 48 kHz, `durationMs * 48` frames long (silent when the draft
 *   has no audio)
 * @throws RenderError `audio-mix-failed` without `OfflineAudioContext` (e.g. called in a worker)
 *   or when rendering fails
 */
export async function mixAudio(
  draft: Draft,
  loadMedia?: MediaLoader,
  voice?: NarrationVoiceOptions,
): Promise<AudioBuffer> {
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
    const spoken = await scheduleSpeech(ctx, draft, voice);
    for (const track of draft.tracks) {
      if (track.kind !== 'audio') continue;
      for (const segment of track.segments) {
        if (segment.source.type === 'speech') continue;
        if (segment.source.type === 'generated-music') {
          const loop = await renderMusicLoop(
            segment.source.mood,
            segment.source.tempoBpm,
            AUDIO_SAMPLE_RATE,
          );
          scheduleSegment(ctx, segment, loop, 0, spoken);
          continue;
        }
        if (!loadMedia) continue;
        const { mediaId, sourceStartMs } = segment.source;
        let buffer = decoded.get(mediaId);
        if (!buffer) {
          buffer = await decodeUpload(ctx, await loadMedia(mediaId));
          decoded.set(mediaId, buffer);
        }
        scheduleSegment(ctx, segment, buffer, sourceStartMs / 1000, spoken);
      }
    }
    const mix = await ctx.startRendering();
    limitPeak(mix);
    return mix;
  } catch (error) {
    throw toRenderError(error, 'audio-mix-failed', 'Mixing the audio failed');
  }
}

/**
 * Says the draft's narration (speech worker) and schedules each phrase at its segment's start,
 * cut at the segment's end. The phrases stay at eSpeak's 22 050 Hz: the context resamples them
 * to the mix rate with its own band-limited resampler.
 * @returns when the voice is heard, for ducking
 */
async function scheduleSpeech(
  ctx: OfflineAudioContext,
  draft: Draft,
  voice?: NarrationVoiceOptions,
): Promise<Span[]> {
  const segments = speechSegments(draft);
  if (segments.length === 0) return [];
  const { audio: said, note } = await saySegments(segments, voice?.neural).catch(
    (cause: unknown) => {
      throw new RenderError('audio-mix-failed', 'The narration could not be synthesised.', {
        cause,
      });
    },
  );
  if (note !== undefined) voice?.onNote(note);
  const spans: Span[] = [];
  segments.forEach((segment, index) => {
    const audio = said[index];
    if (!audio || audio.pcm.length === 0) return;
    const buffer = ctx.createBuffer(1, audio.pcm.length, audio.sampleRate);
    buffer.copyToChannel(audio.pcm as Float32Array<ArrayBuffer>, 0);
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    const gain = ctx.createGain();
    gain.gain.value = VOICE_GAIN * segment.volume;
    source.connect(gain).connect(ctx.destination);
    const start = segment.startMs / 1000;
    source.start(start);
    source.stop(start + segment.durationMs / 1000);
    spans.push({
      startMs: segment.startMs,
      endMs: segment.startMs + Math.min(audio.speechMs, segment.durationMs),
    });
  });
  return spans;
}

/**
 * Lowers `gain` to {@link DUCK_GAIN} while the voice speaks: down over
 * {@link DUCK_ATTACK_MS} before each span, back over {@link DUCK_RELEASE_MS} after it (spans
 * closer than attack + release stay ducked in between).
 */
function duckUnder(gain: AudioParam, voice: readonly Span[]): void {
  gain.setValueAtTime(1, 0);
  let index = 0;
  while (index < voice.length) {
    const first = voice[index] as Span;
    let endMs = first.endMs;
    index++;
    while (
      index < voice.length &&
      (voice[index] as Span).startMs - endMs < DUCK_ATTACK_MS + DUCK_RELEASE_MS
    ) {
      endMs = Math.max(endMs, (voice[index] as Span).endMs);
      index++;
    }
    const downAt = Math.max(0, first.startMs - DUCK_ATTACK_MS) / 1000;
    gain.setValueAtTime(1, downAt);
    gain.linearRampToValueAtTime(DUCK_GAIN, first.startMs / 1000);
    gain.setValueAtTime(DUCK_GAIN, endMs / 1000);
    gain.linearRampToValueAtTime(1, (endMs + DUCK_RELEASE_MS) / 1000);
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
  voice: readonly Span[] = [],
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
  const duck = ctx.createGain();
  duckUnder(duck.gain, voice);
  source.connect(gain).connect(duck).connect(ctx.destination);
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
