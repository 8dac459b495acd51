/**
 * @module render-worker-loop
 * What a render worker's page does (docs/http-api.md "Render fleet"): lease one unit of queued
 * work, do it, store it under the lease, and ask for the next — the job it just worked on
 * first, so whoever stores the last chunk also joins the MP4. While it works it renews the lease
 * every third of its life; a lost lease (409 `lease_lost`: it went quiet, another worker has the
 * unit now) stops that unit at once. Units: chunk `k` (its frame range drawn and encoded by an
 * encode worker, draft-encoder.ts, kept prepared across the chunk leases of one render), the
 * audio (mixed and AAC-encoded), the join (every stored chunk and the audio read back one at a
 * time and remuxed into the fast-start MP4, assemble-mp4.ts, then uploaded).
 */
import { abortableSleep } from '../../shared/abortable-sleep';
import type { FleetLease } from '../../shared/fleet-schema';
import { decodeChunkFile } from '../../shared/render-chunk-file';
import { subtitleTrack } from '../../shared/subtitle-files';
import { assembleMp4 } from '../render/assemble-mp4';
import { DraftEncoder } from '../render/draft-encoder';
import type { FleetClient } from './fleet-client';
import { isLeaseLost } from './fleet-client';

/** An idle worker asks for work again after 2 s: a queued job waits at most that long for it. */
export const IDLE_POLL_MS = 2_000;
/** After a failed call or unit, wait 5 s before asking again (the edge restarting, a network blip). */
export const RETRY_AFTER_FAILURE_MS = 5_000;
/** Heartbeats per lease life: 3 (every 10 s of a 30-s lease, so two may be missed). */
export const HEARTBEATS_PER_LEASE = 3;

/** What the worker tells its launcher, one line each. */
export type Report = (line: string) => void;

/**
 * The encode worker prepared for the render whose chunks this page leased last, kept for its
 * next chunk lease (setting one up costs fonts, media and the H.264 encoder each time).
 */
interface KeptEncoder {
  renderId: string;
  encoder: DraftEncoder;
}

/**
 * Leases and works until `signal` aborts; then gives the lease it holds back and resolves.
 * Never rejects: a failed unit is reported and its lease given back (or lost).
 */
export async function runRenderWorker(
  client: FleetClient,
  report: Report,
  signal: AbortSignal,
): Promise<void> {
  const kept: { current: KeptEncoder | null } = { current: null };
  const dropKept = () => {
    kept.current?.encoder.terminate();
    kept.current = null;
  };
  try {
    await leaseUntilStopped(client, report, signal, kept, dropKept);
  } finally {
    dropKept();
  }
}

/** The loop of {@link runRenderWorker}; `kept` holds the chunk encoder between leases. */
async function leaseUntilStopped(
  client: FleetClient,
  report: Report,
  signal: AbortSignal,
  kept: { current: KeptEncoder | null },
  dropKept: () => void,
): Promise<void> {
  let prefer: string | undefined;
  while (!signal.aborted) {
    let lease: FleetLease | null;
    try {
      lease = await client.lease(prefer);
    } catch (error) {
      report(`lease failed: ${describe(error)}`);
      await abortableSleep(RETRY_AFTER_FAILURE_MS, signal).catch(() => undefined);
      continue;
    }
    if (lease === null) {
      dropKept(); // idle: free the encoder's memory
      await abortableSleep(IDLE_POLL_MS, signal).catch(() => undefined);
      continue;
    }
    prefer = lease.renderId;
    const current = kept.current;
    if (current !== null && (current.renderId !== lease.renderId || !current.encoder.usable))
      dropKept();
    if (lease.unit.kind === 'chunk' && kept.current === null)
      kept.current = {
        renderId: lease.renderId,
        encoder: new DraftEncoder(lease.draft, { encodeAudio: false }),
      };
    await workUnderLease(client, lease, kept.current?.encoder ?? null, report, signal);
  }
}

/** `chunk 3`, `audio` or `join`. */
function unitName(lease: FleetLease): string {
  return lease.unit.kind === 'chunk' ? `chunk ${lease.unit.index}` : lease.unit.kind;
}

/** Does `lease`'s unit with heartbeats; reports how it went; never rejects. */
async function workUnderLease(
  client: FleetClient,
  lease: FleetLease,
  chunkEncoder: DraftEncoder | null,
  report: Report,
  stop: AbortSignal,
): Promise<void> {
  const unit = new AbortController();
  const onStop = () => unit.abort(stop.reason);
  stop.addEventListener('abort', onStop, { once: true });
  const everyMs = Math.max(1_000, (lease.expiresAtMs - Date.now()) / HEARTBEATS_PER_LEASE);
  const beat = setInterval(() => {
    client.heartbeat(lease.leaseId).catch((error: unknown) => {
      if (isLeaseLost(error)) unit.abort(error);
      else report(`heartbeat failed (retrying): ${describe(error)}`);
    });
  }, everyMs);
  const name = unitName(lease);
  const startedAt = performance.now();
  report(`leased ${name} of ${lease.renderId}`);
  try {
    const detail = await doUnit(client, lease, chunkEncoder, unit.signal);
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    report(`stored ${name} of ${lease.renderId} in ${seconds} s${detail}`);
  } catch (error) {
    report(`${name} of ${lease.renderId} stopped: ${describe(unit.signal.reason ?? error)}`);
    if (!isLeaseLost(unit.signal.reason ?? error))
      await client.release(lease.leaseId).catch(() => undefined);
    if (!stop.aborted) await abortableSleep(RETRY_AFTER_FAILURE_MS, stop).catch(() => undefined);
  } finally {
    clearInterval(beat);
    stop.removeEventListener('abort', onStop);
  }
}

/**
 * Does one unit and stores it under its lease; resolves with a detail for the report.
 * `chunkEncoder` (prepared for the lease's draft) encodes a chunk unit; the audio gets a worker
 * of its own (set up for AAC), ended after it.
 */
async function doUnit(
  client: FleetClient,
  lease: FleetLease,
  chunkEncoder: DraftEncoder | null,
  signal: AbortSignal,
): Promise<string> {
  const { draft, plan, unit } = lease;
  if (unit.kind === 'chunk') {
    if (chunkEncoder === null) throw new Error('a chunk lease came without an encoder');
    await client.putChunk(lease, unit.index, await chunkEncoder.encodeChunk(unit.index, signal));
    return ` (${plan.chunkFrames} frames max)`;
  }
  if (unit.kind === 'audio') {
    const audioEncoder = new DraftEncoder(draft, { encodeAudio: true });
    try {
      await client.putAudio(lease, await audioEncoder.encodeAudio(signal));
    } finally {
      audioEncoder.terminate();
    }
    return '';
  }
  const audio = decodeChunkFile(await client.get(lease, 'audio'));
  const mp4 = await assembleMp4(
    {
      chunkCount: plan.chunkCount,
      packetCount: plan.totalFrames,
      loadChunk: async (index) => {
        signal.throwIfAborted();
        return decodeChunkFile(await client.get(lease, `chunks/${index}`));
      },
    },
    audio,
    plan.fps,
    subtitleTrack(draft),
  );
  signal.throwIfAborted();
  await client.putFile(lease, mp4);
  return ` (${(mp4.size / 1_048_576).toFixed(1)} MiB MP4)`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
