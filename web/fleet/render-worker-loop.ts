/**
 * @module render-worker-loop
 * What a render worker's page does (docs/http-api.md "Render fleet"): lease one unit of queued
 * work, do it, store it under the lease, and ask for the next — the job it just worked on
 * first, so whoever stores the last chunk also joins the MP4. While it works it renews the lease
 * every third of its life; a lost lease (409 `lease_lost`: it went quiet, another worker has the
 * unit now) stops that unit at once. Units: chunk `k` (its frame range drawn and encoded by the
 * encode worker, render-chunk-range.ts), the audio (mixed and AAC-encoded), the join (every
 * stored chunk and the audio read back one at a time and remuxed into the fast-start MP4,
 * assemble-mp4.ts, then uploaded).
 */
import { abortableSleep } from '../../shared/abortable-sleep';
import type { FleetLease } from '../../shared/fleet-schema';
import { decodeChunkFile } from '../../shared/render-chunk-file';
import { subtitleTrack } from '../../shared/subtitle-files';
import { assembleMp4 } from '../render/assemble-mp4';
import { renderChunkRange } from '../render/render-chunk-range';
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
 * Leases and works until `signal` aborts; then gives the lease it holds back and resolves.
 * Never rejects: a failed unit is reported and its lease given back (or lost).
 */
export async function runRenderWorker(
  client: FleetClient,
  report: Report,
  signal: AbortSignal,
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
      await abortableSleep(IDLE_POLL_MS, signal).catch(() => undefined);
      continue;
    }
    prefer = lease.renderId;
    await workUnderLease(client, lease, report, signal);
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
    const detail = await doUnit(client, lease, unit.signal);
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

/** Does one unit and stores it under its lease; resolves with a detail for the report. */
async function doUnit(
  client: FleetClient,
  lease: FleetLease,
  signal: AbortSignal,
): Promise<string> {
  const { draft, plan, unit } = lease;
  if (unit.kind === 'chunk') {
    await renderChunkRange(draft, {
      firstChunk: unit.index,
      chunkEnd: unit.index + 1,
      encodeAudio: false,
      signal,
      onChunk: (index, bytes) => client.putChunk(lease, index, bytes),
    });
    return ` (${plan.chunkFrames} frames max)`;
  }
  if (unit.kind === 'audio') {
    await renderChunkRange(draft, {
      firstChunk: plan.chunkCount,
      chunkEnd: plan.chunkCount,
      encodeAudio: true,
      signal,
      onAudio: (bytes) => client.putAudio(lease, bytes),
    });
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
