/**
 * @module speech-cache
 * Synthesised narration kept by content hash in the browser's Cache Storage, so previewing,
 * editing and exporting the same words say them once. The offline voice is kept here only, not in
 * R2: it runs in the browser, its PCM is large (22 050 Hz float, ~5 MB a minute) and cheap to
 * remake, and keeping it on the visitor's device costs no storage or egress and leaks no text to
 * the server. The neural voice is kept here too (decoded, under its own engine name) and, because
 * every call costs the operator money, also in R2 by the server as the WAV it paid for
 * (functions/routes/speech.ts), so a re-export, another tab or another device pays nothing. Cache Storage (not memory) so a reload or a second tab finds it; the browser may evict
 * it at any time, which only costs a re-synthesis. Where Cache Storage is missing (Node, opaque
 * origins) nothing is kept.
 */
import type { SpeechSlot } from './fit-speech';

/** Cache name; the version changes when the voice engine, the fit or the stored form does. */
const CACHE_NAME = 'reelwright-speech-v2';
/** The stored PCM's sample rate, in a header of the cached answer. */
const RATE_HEADER = 'X-Sample-Rate';

/**
 * The content hash of a slot said by `engine`: SHA-256 (hex) of the engine, voice, rate, slot
 * length and text.
 * @param engine the voice engine and its version, e.g. `espeak-ng@1.0.2` or `neural`
 */
export async function speechKey(slot: SpeechSlot, engine: string): Promise<string> {
  const data = new TextEncoder().encode(
    JSON.stringify([engine, slot.voice, slot.rateWpm, slot.durationMs, slot.text]),
  );
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function requestFor(key: string): Request {
  return new Request(new URL(`/__speech-cache/${key}`, self.location.origin));
}

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(CACHE_NAME);
  } catch {
    return null;
  }
}

/** Mono PCM and its sample rate, Hz. */
export interface KeptSpeech {
  pcm: Float32Array;
  sampleRate: number;
}

/** The PCM kept for `key`, or null. */
export async function cachedSpeech(key: string): Promise<KeptSpeech | null> {
  const cache = await openCache();
  const response = await cache?.match(requestFor(key));
  const sampleRate = Number(response?.headers.get(RATE_HEADER));
  if (!response || !(sampleRate > 0)) return null;
  return { pcm: new Float32Array(await response.arrayBuffer()), sampleRate };
}

/** Keeps `speech` under `key`; a full or missing cache is ignored (the speech is only remade). */
export async function keepSpeech(key: string, speech: KeptSpeech): Promise<void> {
  const cache = await openCache();
  try {
    await cache?.put(
      requestFor(key),
      new Response(speech.pcm.slice().buffer, {
        headers: { [RATE_HEADER]: String(speech.sampleRate) },
      }),
    );
  } catch {
    // Quota exceeded: the next preview synthesises again.
  }
}
