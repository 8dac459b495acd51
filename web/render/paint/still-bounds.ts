/**
 * @module still-bounds
 * Where a pre-drawn still layer of a painted scene has pixels, and from which row down it is
 * fully opaque: measured once per cached image (one `getImageData` when the image is made, never
 * per frame) so each frame copies only the rows that show — what a nearer, opaque layer covers
 * is not copied at all, and the empty rows and columns of a band are skipped.
 */

/** Device-pixel extent of an image's content; `opaqueFrom` is the first row of its solid bottom. */
export interface StillBounds {
  /** First and one-past-last rows holding any pixel with alpha > 0. */
  top: number;
  bottom: number;
  /** First and one-past-last columns holding any pixel with alpha > 0. */
  left: number;
  right: number;
  /** Every row from here to the image's last row is opaque across its whole width. */
  opaqueFrom: number;
}

/** Bounds by image: a memo, so the measure happens once per cached image. */
const measured = new WeakMap<OffscreenCanvas, StillBounds>();

/**
 * The bounds of `image` (device px). An `opaque` image (painted on an `{ alpha: false }`
 * context) is solid everywhere and is not read back.
 */
export function stillBounds(image: OffscreenCanvas, opaque: boolean): StillBounds {
  const known = measured.get(image);
  if (known) return known;
  const { width, height } = image;
  const solid = { top: 0, bottom: height, left: 0, right: width, opaqueFrom: 0 };
  const ctx = opaque ? null : image.getContext('2d');
  const bounds = ctx ? measure(ctx.getImageData(0, 0, width, height).data, width, height) : solid;
  measured.set(image, bounds);
  return bounds;
}

/** Scans RGBA `pixels` of `width × height` for their alpha extent. */
function measure(pixels: Uint8ClampedArray, width: number, height: number): StillBounds {
  const bounds = { top: height, bottom: 0, left: width, right: 0, opaqueFrom: height };
  let solidSoFar = true;
  for (let y = height - 1; y >= 0; y -= 1) {
    let first = -1;
    let last = -1;
    let solidRow = true;
    for (let x = 0, i = y * width * 4 + 3; x < width; x += 1, i += 4) {
      const alpha = pixels[i] ?? 0;
      if (alpha !== 255) solidRow = false;
      if (alpha !== 0) {
        if (first < 0) first = x;
        last = x;
      }
    }
    solidSoFar &&= solidRow;
    if (solidSoFar) bounds.opaqueFrom = y;
    if (first < 0) continue;
    bounds.top = y;
    bounds.bottom = Math.max(bounds.bottom, y + 1);
    bounds.left = Math.min(bounds.left, first);
    bounds.right = Math.max(bounds.right, last + 1);
  }
  if (bounds.bottom === 0) return { top: 0, bottom: 0, left: 0, right: 0, opaqueFrom: height };
  return bounds;
}
