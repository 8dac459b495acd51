/**
 * @module generate-music
 * Synthesises background music from a mood and a tempo with the Web Audio API: a 4-bar loop
 * (a four-chord progression, one chord per bar) rendered once in an `OfflineAudioContext`, then
 * looped for as long as a segment lasts. Everything is scheduled from fixed tables and a seeded noise
 * generator, so the same mood and tempo always give the same samples.
 *
 * - calm: warm pad (triangle + sine), soft sub bass, sparse bell notes, long reverb. No drums.
 * - upbeat: pad, pumping eighth-note bass, plucked arpeggio, four-on-the-floor kick, snare on 2
 *   and 4, eighth-note hats.
 * - lofi: jazzy ninth chords on mellow keys, round bass, swung boom-bap drums, a low-pass
 *   "tape" filter and faint vinyl crackle.
 *
 * Main thread only (`OfflineAudioContext` does not exist in workers).
 */
import type { MusicMood } from '../../shared/draft-schema';

/** Beats per bar (4/4). */
const BEATS_PER_BAR = 4;
/**
 * Bars in the loop: the four-chord progression once. Rendering cost grows with the loop (every
 * note is a few audio nodes), and a longer loop of the same chords sounds no different.
 */
const LOOP_BARS = 4;
/** Extra seconds rendered after the loop so release and reverb tails can be folded back onto its start. */
const TAIL_SECONDS = 3;
/** Loops are levelled to this RMS (dBFS) so every mood is equally loud at the same volume… */
const LOOP_RMS_DBFS = -16;
/** …unless that would push a peak above −1 dBFS (headroom for the AAC encoder). */
const LOOP_PEAK = 0.89;
/** Seed for the noise used by drums, reverb and crackle: fixed, so the music is reproducible. */
const NOISE_SEED = 0x5eed_cafe;

/** One chord: a bass root and the pad voicing, as MIDI note numbers. */
interface Chord {
  bass: number;
  pad: readonly number[];
}

/** Progressions per mood (one chord per bar), picked for warmth and no surprises. */
const PROGRESSIONS: Record<MusicMood, readonly Chord[]> = {
  // D major: Dmaj7 – Bm7 – Gmaj7 – Asus2 (I–vi–IV–V), open voicings.
  calm: [
    { bass: 38, pad: [62, 66, 69, 73] },
    { bass: 35, pad: [62, 66, 69, 71] },
    { bass: 43, pad: [62, 66, 67, 71] },
    { bass: 45, pad: [61, 64, 69, 71] },
  ],
  // C major: C – G – Am – F (I–V–vi–IV), the pop progression.
  upbeat: [
    { bass: 36, pad: [60, 64, 67, 72] },
    { bass: 43, pad: [59, 62, 67, 71] },
    { bass: 45, pad: [60, 64, 69, 72] },
    { bass: 41, pad: [60, 65, 69, 72] },
  ],
  // F major: Gm9 – C9 – Fmaj9 – Dm9 (ii–V–I–vi), the lofi staple.
  lofi: [
    { bass: 43, pad: [58, 62, 65, 69] },
    { bass: 36, pad: [58, 62, 64, 67] },
    { bass: 41, pad: [57, 60, 64, 67] },
    { bass: 38, pad: [57, 60, 64, 65] },
  ],
};

/** Mix levels per voice (linear gain before loop normalisation). */
const LEVELS = {
  pad: 0.06,
  bass: 0.2,
  arp: 0.06,
  bell: 0.07,
  keys: 0.07,
  kick: 0.55,
  snare: 0.32,
  hat: 0.1,
  crackle: 0.05,
  reverbSend: { calm: 0.45, upbeat: 0.18, lofi: 0.25 } satisfies Record<MusicMood, number>,
} as const;

/** Low-pass cut-off of the whole lofi mix in Hz: the muffled "tape" sound. */
const LOFI_TAPE_CUTOFF_HZ = 3_200;
/** Swing for lofi eighth notes: off-beats land this fraction of a beat late (triplet feel). */
const LOFI_SWING_BEATS = 1 / 6;
/**
 * A voice stops this many release times after its note ends: the release decays with a time
 * constant of release/4, so it is then at e^-6 (−52 dB). Shorter voices render faster.
 */
const RELEASE_TAIL_RELEASES = 1.5;
/** Loops kept for reuse (a re-export or a second segment with the same mood and tempo): ~5 MB each. */
const MAX_CACHED_LOOPS = 4;
/** Reverb impulse length in seconds. */
const REVERB_SECONDS = 2.2;

function midiToHz(note: number): number {
  return 440 * 2 ** ((note - 69) / 12);
}

/** Mulberry32: a tiny, fast, seedable PRNG; values in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Scheduling helpers bound to one offline context. */
class Voices {
  readonly noise: AudioBuffer;

  constructor(
    readonly ctx: OfflineAudioContext,
    readonly dry: AudioNode,
    readonly wet: AudioNode,
    random: () => number,
  ) {
    this.noise = ctx.createBuffer(1, ctx.sampleRate, ctx.sampleRate);
    const data = this.noise.getChannelData(0);
    for (let i = 0; i < data.length; i++) data[i] = random() * 2 - 1;
  }

  /** An oscillator note with an attack/decay/sustain/release envelope; times in seconds. */
  tone(options: {
    type: OscillatorType;
    hz: number;
    start: number;
    length: number;
    level: number;
    attack: number;
    release: number;
    sustain?: number;
    decay?: number;
    detuneCents?: number;
    lowpassHz?: number;
    send?: number;
    pan?: number;
  }): void {
    const { ctx } = this;
    const osc = ctx.createOscillator();
    osc.type = options.type;
    osc.frequency.value = options.hz;
    osc.detune.value = options.detuneCents ?? 0;
    const gain = ctx.createGain();
    const { start, attack, release, level } = options;
    const sustainLevel = level * (options.sustain ?? 1);
    const end = start + options.length;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(level, start + attack);
    if (options.decay) gain.gain.setTargetAtTime(sustainLevel, start + attack, options.decay / 3);
    else gain.gain.setValueAtTime(sustainLevel, start + attack);
    gain.gain.setValueAtTime(sustainLevel, end);
    gain.gain.setTargetAtTime(0, end, release / 4);
    let last: AudioNode = osc;
    if (options.lowpassHz) {
      const filter = ctx.createBiquadFilter();
      filter.type = 'lowpass';
      filter.frequency.value = options.lowpassHz;
      last.connect(filter);
      last = filter;
    }
    last.connect(gain);
    let out: AudioNode = gain;
    if (options.pan) {
      const panner = ctx.createStereoPanner();
      panner.pan.value = options.pan;
      gain.connect(panner);
      out = panner;
    }
    out.connect(this.dry);
    if (options.send) {
      const send = ctx.createGain();
      send.gain.value = options.send;
      out.connect(send);
      send.connect(this.wet);
    }
    osc.start(start);
    osc.stop(end + release * RELEASE_TAIL_RELEASES);
  }

  kick(start: number, level: number): void {
    const { ctx } = this;
    const osc = ctx.createOscillator();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(140, start);
    osc.frequency.exponentialRampToValueAtTime(45, start + 0.12);
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(level, start);
    gain.gain.exponentialRampToValueAtTime(0.001, start + 0.4);
    osc.connect(gain).connect(this.dry);
    osc.start(start);
    osc.stop(start + 0.45);
  }

  /** A filtered noise burst (snare, hat, crackle); `offset` picks where in the noise buffer to read. */
  noiseHit(options: {
    start: number;
    level: number;
    decay: number;
    filter: BiquadFilterType;
    hz: number;
    offset: number;
    send?: number;
    pan?: number;
  }): void {
    const { ctx } = this;
    const source = ctx.createBufferSource();
    source.buffer = this.noise;
    const filter = ctx.createBiquadFilter();
    filter.type = options.filter;
    filter.frequency.value = options.hz;
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(options.level, options.start);
    gain.gain.exponentialRampToValueAtTime(0.001, options.start + options.decay);
    const panner = ctx.createStereoPanner();
    panner.pan.value = options.pan ?? 0;
    source.connect(filter).connect(gain).connect(panner).connect(this.dry);
    if (options.send) {
      const send = ctx.createGain();
      send.gain.value = options.send;
      panner.connect(send).connect(this.wet);
    }
    source.start(options.start, options.offset % 0.9, options.decay + 0.05);
  }
}

function scheduleCalm(v: Voices, chords: readonly Chord[], beat: number): void {
  const bar = beat * BEATS_PER_BAR;
  const send = LEVELS.reverbSend.calm;
  for (let barIndex = 0; barIndex < LOOP_BARS; barIndex++) {
    const chord = chords[barIndex % chords.length];
    if (!chord) continue;
    const start = barIndex * bar;
    for (const [i, note] of chord.pad.entries()) {
      const pan = (i / (chord.pad.length - 1) - 0.5) * 0.6;
      v.tone({
        type: 'triangle',
        hz: midiToHz(note),
        start,
        length: bar,
        level: LEVELS.pad,
        attack: bar * 0.35,
        release: bar * 0.5,
        detuneCents: -5,
        lowpassHz: 2_400,
        send,
        pan,
      });
      v.tone({
        type: 'sine',
        hz: midiToHz(note),
        start,
        length: bar,
        level: LEVELS.pad,
        attack: bar * 0.35,
        release: bar * 0.5,
        detuneCents: 5,
        send,
        pan: -pan,
      });
    }
    v.tone({
      type: 'sine',
      hz: midiToHz(chord.bass),
      start,
      length: bar,
      level: LEVELS.bass * 0.4,
      attack: 0.4,
      release: bar * 0.4,
    });
    // A bell on beats 1 and 3, walking through the chord an octave up.
    for (const beatIndex of [0, 2]) {
      const note = chord.pad[(barIndex + beatIndex) % chord.pad.length] ?? chord.bass + 24;
      v.tone({
        type: 'sine',
        hz: midiToHz(note + 12),
        start: start + beatIndex * beat,
        length: 0.05,
        level: LEVELS.bell,
        attack: 0.005,
        release: beat * 2.5,
        send,
      });
    }
  }
}

function scheduleUpbeat(v: Voices, chords: readonly Chord[], beat: number): void {
  const bar = beat * BEATS_PER_BAR;
  const send = LEVELS.reverbSend.upbeat;
  const eighth = beat / 2;
  const arpPattern = [0, 1, 2, 3, 2, 1, 2, 3];
  for (let barIndex = 0; barIndex < LOOP_BARS; barIndex++) {
    const chord = chords[barIndex % chords.length];
    if (!chord) continue;
    const start = barIndex * bar;
    for (const note of chord.pad) {
      v.tone({
        type: 'sawtooth',
        hz: midiToHz(note),
        start,
        length: bar * 0.95,
        level: LEVELS.pad * 0.7,
        attack: 0.08,
        release: 0.3,
        lowpassHz: 1_600,
        detuneCents: 6,
        send,
      });
    }
    for (let step = 0; step < 8; step++) {
      const t = start + step * eighth;
      v.tone({
        type: 'triangle',
        hz: midiToHz(chord.bass),
        start: t,
        length: eighth * 0.6,
        level: LEVELS.bass * (step % 2 ? 1 : 0.8),
        attack: 0.005,
        release: 0.06,
        lowpassHz: 900,
      });
      const arpNote = chord.pad[arpPattern[step] ?? 0] ?? chord.bass;
      v.tone({
        type: 'square',
        hz: midiToHz(arpNote + 12),
        start: t,
        length: 0.02,
        level: LEVELS.arp,
        attack: 0.003,
        release: eighth * 0.9,
        lowpassHz: 2_800,
        send,
        pan: step % 2 ? 0.3 : -0.3,
      });
      v.noiseHit({
        start: t,
        level: LEVELS.hat * (step % 2 ? 1 : 0.55),
        decay: step % 2 ? 0.09 : 0.04,
        filter: 'highpass',
        hz: 7_500,
        offset: step * 0.11,
        pan: 0.2,
      });
    }
    for (let beatIndex = 0; beatIndex < BEATS_PER_BAR; beatIndex++) {
      const t = start + beatIndex * beat;
      v.kick(t, LEVELS.kick);
      if (beatIndex % 2 === 1) {
        v.noiseHit({
          start: t,
          level: LEVELS.snare,
          decay: 0.18,
          filter: 'bandpass',
          hz: 1_800,
          offset: 0.37 + beatIndex * 0.05,
          send,
        });
        v.tone({
          type: 'triangle',
          hz: 185,
          start: t,
          length: 0.02,
          level: LEVELS.snare * 0.6,
          attack: 0.002,
          release: 0.08,
        });
      }
    }
  }
}

function scheduleLofi(
  v: Voices,
  chords: readonly Chord[],
  beat: number,
  random: () => number,
): void {
  const bar = beat * BEATS_PER_BAR;
  const send = LEVELS.reverbSend.lofi;
  const swing = (eighthIndex: number): number =>
    eighthIndex * (beat / 2) + (eighthIndex % 2 ? LOFI_SWING_BEATS * beat : 0);
  for (let barIndex = 0; barIndex < LOOP_BARS; barIndex++) {
    const chord = chords[barIndex % chords.length];
    if (!chord) continue;
    const start = barIndex * bar;
    // Mellow keys: a chord on beat 1 held, a softer stab on the swung "and" of 2.
    for (const [hitStart, hitLength, hitLevel] of [
      [0, beat * 2.2, 1],
      [swing(3), beat * 1.2, 0.6],
    ] as const) {
      for (const note of chord.pad) {
        v.tone({
          type: 'sine',
          hz: midiToHz(note),
          start: start + hitStart,
          length: hitLength,
          level: LEVELS.keys * hitLevel,
          attack: 0.012,
          decay: 0.9,
          sustain: 0.45,
          release: 0.5,
          send,
        });
        v.tone({
          type: 'triangle',
          hz: midiToHz(note + 12),
          start: start + hitStart,
          length: hitLength * 0.5,
          level: LEVELS.keys * hitLevel * 0.25,
          attack: 0.005,
          decay: 0.3,
          sustain: 0.2,
          release: 0.3,
          lowpassHz: 2_000,
        });
      }
    }
    v.tone({
      type: 'sine',
      hz: midiToHz(chord.bass),
      start,
      length: beat * 1.6,
      level: LEVELS.bass,
      attack: 0.01,
      release: 0.2,
      lowpassHz: 500,
    });
    v.tone({
      type: 'sine',
      hz: midiToHz(chord.bass),
      start: start + 2.5 * beat,
      length: beat * 1.2,
      level: LEVELS.bass * 0.8,
      attack: 0.01,
      release: 0.2,
      lowpassHz: 500,
    });
    // Boom-bap: kick on 1, the "and" of 2 and on 3; snare on 2 and 4; swung hats.
    for (const kickAt of [0, swing(3), 2 * beat]) v.kick(start + kickAt, LEVELS.kick * 0.8);
    for (const snareBeat of [1, 3]) {
      v.noiseHit({
        start: start + snareBeat * beat,
        level: LEVELS.snare * 0.8,
        decay: 0.22,
        filter: 'bandpass',
        hz: 1_400,
        offset: 0.21 * snareBeat,
        send,
      });
    }
    for (let eighthIndex = 0; eighthIndex < 8; eighthIndex++) {
      v.noiseHit({
        start: start + swing(eighthIndex),
        level: LEVELS.hat * (eighthIndex % 2 ? 0.5 : 0.8),
        decay: 0.05,
        filter: 'highpass',
        hz: 6_500,
        offset: 0.13 * eighthIndex,
        pan: -0.15,
      });
    }
    // Vinyl crackle: a few quiet random clicks per bar, from the seeded generator.
    for (let i = 0; i < 6; i++) {
      v.noiseHit({
        start: start + random() * bar,
        level: LEVELS.crackle * (0.3 + random()),
        decay: 0.012,
        filter: 'highpass',
        hz: 3_000,
        offset: random(),
        pan: random() * 1.2 - 0.6,
      });
    }
  }
}

/** A decaying stereo noise burst: a small, smooth room for the reverb send. */
function reverbImpulse(ctx: OfflineAudioContext, random: () => number): AudioBuffer {
  const length = Math.round(REVERB_SECONDS * ctx.sampleRate);
  const impulse = ctx.createBuffer(2, length, ctx.sampleRate);
  for (let channel = 0; channel < 2; channel++) {
    const data = impulse.getChannelData(channel);
    for (let i = 0; i < length; i++) data[i] = (random() * 2 - 1) * (1 - i / length) ** 3.5;
  }
  return impulse;
}

/**
 * Renders the seamless music loop for a mood and tempo: {@link LOOP_BARS} bars of 4/4, stereo,
 * levelled to {@link LOOP_RMS_DBFS} RMS (peaks at most −1 dBFS), with release and reverb tails
 * wrapped onto the loop start.
 * @param mood calm, upbeat or lofi
 * @param tempoBpm beats per minute (the schema allows 40–200)
 * @param sampleRate output sample rate in Hz (48 000 for the export)
 * @returns an AudioBuffer exactly `LOOP_BARS * 4 * 60 / tempoBpm` seconds long (rounded to
 *   samples); the same (shared, cached) buffer for the same arguments — do not modify it
 */
export function renderMusicLoop(
  mood: MusicMood,
  tempoBpm: number,
  sampleRate: number,
): Promise<AudioBuffer> {
  const key = `${mood}|${tempoBpm}|${sampleRate}`;
  let loop = cachedLoops.get(key);
  if (!loop) {
    if (cachedLoops.size >= MAX_CACHED_LOOPS) {
      const oldest = cachedLoops.keys().next().value;
      if (oldest !== undefined) cachedLoops.delete(oldest);
    }
    loop = synthesizeLoop(mood, tempoBpm, sampleRate);
    // A failed render is not kept: the next call tries again.
    loop.catch(() => cachedLoops.delete(key));
    cachedLoops.set(key, loop);
  }
  return loop;
}

/** Rendered loops by mood, tempo and rate (the samples are never modified after rendering). */
const cachedLoops = new Map<string, Promise<AudioBuffer>>();

async function synthesizeLoop(
  mood: MusicMood,
  tempoBpm: number,
  sampleRate: number,
): Promise<AudioBuffer> {
  const beat = 60 / tempoBpm;
  const loopFrames = Math.round(LOOP_BARS * BEATS_PER_BAR * beat * sampleRate);
  const tailFrames = Math.round(TAIL_SECONDS * sampleRate);
  const ctx = new OfflineAudioContext(2, loopFrames + tailFrames, sampleRate);
  const random = seededRandom(NOISE_SEED);

  const bus = ctx.createGain();
  let output: AudioNode = bus;
  if (mood === 'lofi') {
    const tape = ctx.createBiquadFilter();
    tape.type = 'lowpass';
    tape.frequency.value = LOFI_TAPE_CUTOFF_HZ;
    bus.connect(tape);
    output = tape;
  }
  output.connect(ctx.destination);
  const reverb = ctx.createConvolver();
  reverb.buffer = reverbImpulse(ctx, random);
  reverb.connect(bus);

  const voices = new Voices(ctx, bus, reverb, random);
  const chords = PROGRESSIONS[mood];
  if (mood === 'calm') scheduleCalm(voices, chords, beat);
  else if (mood === 'upbeat') scheduleUpbeat(voices, chords, beat);
  else scheduleLofi(voices, chords, beat, random);

  const rendered = await ctx.startRendering();
  const loop = new AudioBuffer({ numberOfChannels: 2, length: loopFrames, sampleRate });
  let peak = 0;
  let sumOfSquares = 0;
  const channels: Float32Array<ArrayBuffer>[] = [];
  for (let channel = 0; channel < 2; channel++) {
    const source = rendered.getChannelData(channel);
    const data = source.slice(0, loopFrames);
    // Fold the tail past the loop end back onto its start: the loop then repeats seamlessly.
    for (let i = 0; i < tailFrames; i++) {
      const index = i % loopFrames;
      data[index] = (data[index] ?? 0) + (source[loopFrames + i] ?? 0);
    }
    for (const sample of data) {
      peak = Math.max(peak, Math.abs(sample));
      sumOfSquares += sample * sample;
    }
    channels.push(data);
  }
  const rms = Math.sqrt(sumOfSquares / (2 * loopFrames));
  const gain = peak > 0 ? Math.min(LOOP_PEAK / peak, 10 ** (LOOP_RMS_DBFS / 20) / rms) : 1;
  channels.forEach((data, channel) => {
    for (let i = 0; i < data.length; i++) data[i] = (data[i] ?? 0) * gain;
    loop.copyToChannel(data, channel);
  });
  return loop;
}
