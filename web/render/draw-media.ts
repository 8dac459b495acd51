/**
 * @module draw-media
 * Draws a decoded upload (a video frame or a photo) over the whole canvas: `cover` fills the
 * frame and crops the overflow, `contain` shows all of it on black bars; the scene's camera
 * (gentle zoom or pan) scales about the centre. Lengths in draft canvas pixels.
 */
import type { Canvas } from '../../shared/draft-schema';
import type { Context2D } from './frame-assets';
import type { MediaFrame } from './media-frames';

/**
 * Resampling quality for scaling pictures: `low` (bilinear). `high` looked no different at the
 * gentle 1–1.12× scales used here but cost Chromium's software raster far more per 1080p frame.
 */
const SMOOTHING: ImageSmoothingQuality = 'low';
/** Colour of the bars around a `contain`ed picture. */
const LETTERBOX_FILL = '#000000';

/** Scale and horizontal offset (px) of the scene's camera, as draw-scene computes it. */
export interface Camera {
  scale: number;
  offsetX: number;
}

/**
 * The rectangle (draft px) a picture of `width × height` takes on `canvas` when fitted.
 * @example fitRect(1280, 720, {width:1920,height:1080,fps:30}, 'cover') // {x:0,y:0,width:1920,height:1080}
 */
export function fitRect(
  width: number,
  height: number,
  canvas: Canvas,
  fit: 'cover' | 'contain',
): { x: number; y: number; width: number; height: number } {
  const scaleX = canvas.width / width;
  const scaleY = canvas.height / height;
  const scale = fit === 'cover' ? Math.max(scaleX, scaleY) : Math.min(scaleX, scaleY);
  const drawnWidth = width * scale;
  const drawnHeight = height * scale;
  return {
    x: (canvas.width - drawnWidth) / 2,
    y: (canvas.height - drawnHeight) / 2,
    width: drawnWidth,
    height: drawnHeight,
  };
}

/** Draws `frame` fitted to the canvas under `camera`, at the context's current opacity. */
export function drawMediaFrame(
  ctx: Context2D,
  canvas: Canvas,
  fit: 'cover' | 'contain',
  frame: MediaFrame,
  camera: Camera,
): void {
  if (frame.width <= 0 || frame.height <= 0) return;
  const rect = fitRect(frame.width, frame.height, canvas, fit);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, canvas.width, canvas.height);
  ctx.clip();
  if (fit === 'contain') {
    ctx.fillStyle = LETTERBOX_FILL;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  ctx.translate(canvas.width / 2 + camera.offsetX, canvas.height / 2);
  ctx.scale(camera.scale, camera.scale);
  ctx.translate(-canvas.width / 2, -canvas.height / 2);
  ctx.imageSmoothingQuality = SMOOTHING;
  ctx.drawImage(frame.image, rect.x, rect.y, rect.width, rect.height);
  ctx.restore();
}
