/**
 * @module audio-playback
 * Plays a mixed `AudioBuffer` from a given offset through one lazily created `AudioContext`,
 * and tells the time on the audio clock, so the preview's frames follow what is heard.
 * The context is created on the first `prepare()` (call it inside a click: browsers only let a
 * page start sound after a gesture).
 */

/** One audio output for the preview. */
export interface AudioPlayback {
  /** Creates/resumes the context; call synchronously from the Play click. */
  prepare(): void;
  /** True when the context's clock is running (so `nowMs` advances). */
  isRunning(): boolean;
  /** Starts `buffer` at `offsetMs` into it, stopping what played before. */
  start(buffer: AudioBuffer, offsetMs: number): void;
  /** Stops the sound (idempotent). */
  stop(): void;
  /** The audio clock, ms (only meaningful while {@link isRunning}). */
  nowMs(): number;
}

/** Creates the preview's audio output. Without Web Audio every call is a no-op. */
export function createAudioPlayback(): AudioPlayback {
  let context: AudioContext | null = null;
  let source: AudioBufferSourceNode | null = null;

  return {
    prepare() {
      if (typeof AudioContext === 'undefined') return;
      context ??= new AudioContext({ latencyHint: 'playback' });
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
    },
    isRunning: () => context?.state === 'running',
    start(buffer, offsetMs) {
      this.stop();
      if (context === null) return;
      const offsetS = Math.max(0, offsetMs / 1000);
      if (offsetS >= buffer.duration) return;
      source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(context.destination);
      source.start(0, offsetS);
    },
    stop() {
      if (source === null) return;
      try {
        source.stop();
      } catch {
        // Already stopped (it reached its end).
      }
      source.disconnect();
      source = null;
    },
    nowMs: () => (context === null ? 0 : context.currentTime * 1000),
  };
}
