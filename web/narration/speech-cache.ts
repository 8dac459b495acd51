/**
 * @module speech-cache
 * Synthesised narration kept by content hash in the browser's Cache Storage, so previewing,
 * editing and exporting the same words say them once. The browser, not R2: the offline voice
 * runs in the browser, its PCM is large (22 050 Hz float, ~5 MB a minute) and cheap to remake,
 * and keeping it on the visitor's device costs no storage or egress and leaks no text to the
 * server. Cache Storage (not memory) so a reload or a second tab finds it; the browser may evict
 * it at any time, which only costs a re-synthesis. Where Cache Storage is missing (Node, opaque
 * origins) nothing is kept.
 */
import type { SpeechSlot } from './fit-speech';

/** Cache name; the version changes when the voice engine or the fit does. */
const CACHE_NAME = 'reelwright-speech-v1';
/** Engine in the key: a new eSpeak build says words differently. */
const ENGINE = 'espeak-ng@1.0.2';

/** The content hash of a slot: SHA-256 (hex) of the engine, voice, rate, slot length and text. */
export async function speechKey(slot: SpeechSlot): Promise<string> {
  const data = new TextEncoder().encode(
    JSON.stringify([ENGINE, slot.voice, slot.rateWpm, slot.durationMs, slot.text]),
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

/** The PCM kept for `key`, or null. */
export async function cachedSpeech(key: string): Promise<Float32Array | null> {
  const cache = await openCache();
  const response = await cache?.match(requestFor(key));
  if (!response) return null;
  return new Float32Array(await response.arrayBuffer());
}

/** Keeps `pcm` under `key`; a full or missing cache is ignored (the speech is only remade). */
export async function keepSpeech(key: string, pcm: Float32Array): Promise<void> {
  const cache = await openCache();
  try {
    await cache?.put(requestFor(key), new Response(pcm.slice().buffer));
  } catch {
    // Quota exceeded: the next preview synthesises again.
  }
}
