/**
 * @module chunk-put-memory (bench)
 * Three visitors each PUT a 48 MiB render chunk (the most a chunk may be) at the same moment
 * through the Worker under `wrangler dev`; prints workerd's RSS before and at its peak, and the
 * answers. Chunk bodies are streamed to R2 (routes/render-chunks.ts): held whole, three would
 * be 144 MiB, past a 128 MB isolate.
 */
import { renderJobInfoSchema } from '../../shared/api-schema';
import type { RenderJobInfo } from '../../shared/api-schema';
import { encodeChunkFile } from '../../shared/render-chunk-file';
import { chunkFrameRange, frameTimestampUs, planChunks } from '../../shared/render-chunk-plan';
import { MAX_CHUNK_BYTES } from '../../functions/routes/render-chunks';
import { sampleRss } from '../lib/process-memory';
import { startApp } from '../lib/start-app';
import { AppVisitor } from '../lib/upload-through-app';

/** Chunk uploads at once: three, as the arithmetic (3 × 48 MiB > 128 MB). */
const PARALLEL_PUTS = 3;
/** Room left for the chunk's JSON header below {@link MAX_CHUNK_BYTES}, bytes: 64 KiB (120 packets take ~10 KB). */
const HEADER_ROOM_BYTES = 64 * 1024;

/** A visitor with an export of a 30-s draft, ready for chunks. */
async function exportStarted(
  baseUrl: string,
): Promise<{ visitor: AppVisitor; job: RenderJobInfo }> {
  const visitor = new AppVisitor(baseUrl);
  const sessionId = await visitor.createSession();
  const chat = await visitor.fetch(`/api/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      text: 'Generate a 30-second explainer video about solar panels for homeowners',
    }),
  });
  await chat.text();
  const exported = await visitor.fetch(`/api/sessions/${sessionId}/exports`, { method: 'POST' });
  if (exported.status !== 201)
    throw new Error(`export: ${exported.status} ${await exported.text()}`);
  return { visitor, job: renderJobInfoSchema.parse(await exported.json()) };
}

/** Chunk 0 of `job`, as close to {@link MAX_CHUNK_BYTES} as its packets allow. */
function largestChunk(job: RenderJobInfo): Uint8Array<ArrayBuffer> {
  const plan = planChunks({ durationMs: job.draft.durationMs, fps: job.draft.canvas.fps });
  const { firstFrame, frameCount } = chunkFrameRange(plan, 0);
  const packetBytes = Math.floor((MAX_CHUNK_BYTES - HEADER_ROOM_BYTES) / frameCount);
  const packets = Array.from({ length: frameCount }, (_, i) => ({
    timestampUs: frameTimestampUs(firstFrame + i, plan.fps),
    durationUs: frameTimestampUs(1, plan.fps),
    key: i % plan.gopFrames === 0,
    data: new Uint8Array(packetBytes).fill(i & 255),
  }));
  return encodeChunkFile(
    {
      kind: 'video',
      index: 0,
      firstFrame,
      frameCount,
      encoderKey: 'avc1.640028 bench',
      decoderConfig: { codec: 'avc1.640028', description: null },
    },
    packets,
  );
}

/** Runs the chunk memory benchmark and prints its figures. */
export async function benchChunkPutMemory(): Promise<void> {
  const app = await startApp();
  try {
    const exports = await Promise.all(
      Array.from({ length: PARALLEL_PUTS }, () => exportStarted(app.url)),
    );
    const chunks = exports.map(({ job }) => largestChunk(job));
    const sampler = app.pid === undefined ? null : sampleRss(app.pid, 'workerd');
    const startedAt = performance.now();
    const statuses = await Promise.all(
      exports.map(async ({ visitor, job }, i) => {
        const response = await visitor.fetch(`/api/renders/${job.id}/chunks/0`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/octet-stream' },
          body: chunks[i],
        });
        const text = await response.text();
        if (response.status !== 200)
          console.log(`chunk PUT ${i + 1}: ${response.status} ${text.slice(0, 200)}`);
        return response.status;
      }),
    );
    const wallMs = performance.now() - startedAt;
    const memory = sampler?.stop() ?? { baselineBytes: 0, peakBytes: 0 };
    const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
    console.log(
      `${PARALLEL_PUTS} × ${mib(chunks[0]?.byteLength ?? 0)} MiB chunk PUTs at once: answers ${statuses.join(' ')} in ${(wallMs / 1000).toFixed(2)} s`,
    );
    console.log(
      `workerd RSS: ${mib(memory.baselineBytes)} MiB before, ${mib(memory.peakBytes)} MiB at the peak (+${mib(memory.peakBytes - memory.baselineBytes)} MiB)`,
    );
  } finally {
    await app.stop();
  }
}
