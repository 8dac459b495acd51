/**
 * @module h264-canvas-encoder
 * Encodes what is drawn on an `OffscreenCanvas`, frame by frame, with WebCodecs H.264 High, as
 * BT.709 limited-range video, into a mediabunny `EncodedVideoPacketSource`.
 *
 * Colour: Chromium turns canvas RGB into YUV with BT.709 coefficients at full range (0–255) and
 * signals full range with the sRGB transfer. Before each frame is captured, one translucent grey
 * fill maps the canvas from 0–255 to video levels 16–235 (`out = 16 + in × 219/255`); the
 * encoder's full-range conversion then yields limited-range luma (16–235), and the SPS and
 * decoder config are rewritten to say BT.709 limited ({@link BT709_LIMITED}). Chroma comes out
 * 2% less saturated than an exact limited-range conversion (219/224), which nobody can see.
 *
 * Memory stays bounded: `encodeFrame` waits while more than {@link MAX_ENCODE_QUEUE} frames are
 * queued in the encoder, and each frame is closed as soon as it is queued.
 */
import { EncodedPacket } from 'mediabunny';
import {
  BT709_LIMITED,
  nalLengthSize,
  rewriteAvcDecoderConfigurationRecord,
  rewriteAvcPacketVideoSignal,
} from './avc-video-signal';
import type { VideoEncoderSettings } from './encoder-settings';
import { RenderError } from './render-errors';

/**
 * Frames queued in the encoder before `encodeFrame` waits: enough to keep the encoder thread
 * busy while the next frame is drawn, few enough to hold at most ~4 × 8 MB of 1080p pixels.
 */
const MAX_ENCODE_QUEUE = 4;

/**
 * Source-over fill that maps 0–255 to 16–235 in one pass: with alpha a = 36/255 and grey
 * g = 113/255, `out = in × (1 − a) + g × a = in × 219/255 + 16/255` (±1 after 8-bit rounding:
 * black → 16, white → 235, measured in Chromium).
 */
const VIDEO_LEVELS_FILL = 'rgba(113, 113, 113, 0.1412)';

/** The colour space the file declares (MP4 `colr` box via mediabunny, and the SPS). */
const DECLARED_COLOR_SPACE: VideoColorSpaceInit = {
  primaries: 'bt709',
  transfer: 'bt709',
  matrix: 'bt709',
  fullRange: false,
};

type Context = OffscreenCanvasRenderingContext2D;

/**
 * Where encoded packets go, in the order the encoder emits them: a mediabunny
 * `EncodedVideoPacketSource`, or the chunk collector of a resumable render. The first packet
 * carries the decoder config (`meta.decoderConfig`, colour already rewritten to BT.709 limited).
 */
export interface VideoPacketSink {
  add(packet: EncodedPacket, meta?: EncodedVideoChunkMetadata): Promise<void> | void;
}

function toBytes(source: AllowSharedBufferSource): Uint8Array {
  // (`SharedArrayBuffer` itself is undefined outside cross-origin-isolated pages: test views instead.)
  return ArrayBuffer.isView(source)
    ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
    : new Uint8Array(source);
}

/** Drives one `VideoEncoder` for one export. Call {@link start}, then {@link encodeFrame} per frame, then {@link finish}. */
export class H264CanvasEncoder {
  private encoder: VideoEncoder | null = null;
  private failure: unknown = null;
  /** Wakes `encodeFrame` when it waits for the queue and the encoder fails instead. */
  private wake: (() => void) | null = null;
  private nalLengthBytes = 4;
  private decoderConfigSent = false;
  /** Packets go to the muxer one after another, in the order the encoder emits them. */
  private muxing: Promise<void> = Promise.resolve();
  private readonly keyFrameEvery: number;
  private readonly frameDurationUs: number;
  /** The codec string and colour space the encoder reported (before our rewrite), for diagnostics. */
  reportedColorSpace: VideoColorSpaceInit | null = null;

  constructor(
    private readonly canvas: OffscreenCanvas,
    private readonly ctx: Context,
    private readonly settings: VideoEncoderSettings,
    private readonly packets: VideoPacketSink,
    keyFrameIntervalS: number,
  ) {
    this.keyFrameEvery = Math.max(1, Math.round(keyFrameIntervalS * settings.fps));
    this.frameDurationUs = Math.round(1_000_000 / settings.fps);
  }

  private config(): VideoEncoderConfig {
    const { codecString, width, height, bitrate, fps } = this.settings;
    return {
      codec: codecString,
      width,
      height,
      bitrate,
      bitrateMode: 'variable',
      framerate: fps,
      // Never drop frames: the frame count must equal duration × fps.
      latencyMode: 'quality',
      avc: { format: 'avc' },
    };
  }

  /**
   * Checks support and configures the encoder.
   * @throws RenderError `unsupported-video` when this browser refuses the configuration
   */
  async start(): Promise<void> {
    if (typeof VideoEncoder === 'undefined') {
      throw new RenderError(
        'unsupported-video',
        'This browser cannot encode H.264 (WebCodecs VideoEncoder missing).',
      );
    }
    const config = this.config();
    const support = await VideoEncoder.isConfigSupported(config).catch(() => null);
    if (!support?.supported) {
      throw new RenderError(
        'unsupported-video',
        `This browser cannot encode H.264 High at ${config.width}x${config.height} (${config.codec}).`,
      );
    }
    this.encoder = new VideoEncoder({
      output: (chunk, meta) => this.onChunk(chunk, meta),
      error: (error) => {
        this.failure = error;
        this.wake?.();
      },
    });
    this.encoder.configure(config);
  }

  private onChunk(chunk: EncodedVideoChunk, meta: EncodedVideoChunkMetadata | undefined): void {
    let packet = EncodedPacket.fromEncodedChunk(chunk);
    let packetMeta: EncodedVideoChunkMetadata | undefined;
    if (meta?.decoderConfig && !this.decoderConfigSent) {
      const { description, colorSpace } = meta.decoderConfig;
      this.reportedColorSpace = colorSpace ?? null;
      let avcC: Uint8Array | undefined;
      if (description) {
        avcC = rewriteAvcDecoderConfigurationRecord(toBytes(description), BT709_LIMITED);
        this.nalLengthBytes = nalLengthSize(avcC);
      }
      packetMeta = {
        decoderConfig: {
          ...meta.decoderConfig,
          description: avcC,
          colorSpace: DECLARED_COLOR_SPACE,
        },
      };
      this.decoderConfigSent = true;
    }
    const data = rewriteAvcPacketVideoSignal(packet.data, BT709_LIMITED, this.nalLengthBytes);
    if (data !== packet.data) packet = packet.clone({ data });
    this.muxing = this.muxing
      .then(() => this.packets.add(packet, packetMeta))
      .catch((error: unknown) => {
        this.failure ??= error;
      });
  }

  private throwIfFailed(): void {
    if (this.failure !== null) {
      const detail = this.failure instanceof Error ? this.failure.message : String(this.failure);
      throw new RenderError('encode-failed', `The video encoder failed: ${detail}`, {
        cause: this.failure,
      });
    }
  }

  /**
   * Captures the canvas as frame `frameIndex` (after converting it to video levels in place, so
   * draw the next frame from scratch) and queues it; waits while the encoder queue is full.
   * @throws RenderError `encode-failed` when the encoder or muxer has failed
   */
  async encodeFrame(frameIndex: number): Promise<void> {
    const encoder = this.encoder;
    if (!encoder) throw new RenderError('encode-failed', 'The video encoder was not started.');
    this.throwIfFailed();
    const { ctx } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = 'source-over';
    ctx.fillStyle = VIDEO_LEVELS_FILL;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    const frame = new VideoFrame(this.canvas, {
      timestamp: Math.round((frameIndex * 1_000_000) / this.settings.fps),
      duration: this.frameDurationUs,
    });
    try {
      encoder.encode(frame, { keyFrame: frameIndex % this.keyFrameEvery === 0 });
    } finally {
      frame.close();
    }
    while (encoder.encodeQueueSize > MAX_ENCODE_QUEUE && this.failure === null) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        encoder.addEventListener('dequeue', () => resolve(), { once: true });
      });
      this.wake = null;
    }
    this.throwIfFailed();
  }

  /**
   * Flushes the encoder (the end of a chunk: every queued frame comes out) and waits until every
   * packet reached the sink; the encoder stays open for the next chunk, whose first frame must be
   * a keyframe (frame indices that are multiples of the keyframe interval are).
   * @throws RenderError `encode-failed` when the encoder or sink has failed
   */
  async flush(): Promise<void> {
    const encoder = this.encoder;
    if (!encoder) throw new RenderError('encode-failed', 'The video encoder was not started.');
    await encoder.flush().catch((error: unknown) => {
      this.failure ??= error;
    });
    await this.muxing;
    this.throwIfFailed();
  }

  /**
   * Flushes the encoder and waits until every packet reached the muxer.
   * @throws RenderError `encode-failed` when the encoder or muxer has failed
   */
  async finish(): Promise<void> {
    await this.flush();
    this.encoder?.close();
    this.encoder = null;
  }

  /** Releases the encoder after a failure or abort (safe to call at any time). */
  close(): void {
    if (this.encoder && this.encoder.state !== 'closed') this.encoder.close();
    this.encoder = null;
  }
}
