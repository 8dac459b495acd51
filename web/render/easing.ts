/**
 * @module easing
 * Easing curves for the frame animations: each maps progress 0..1 to 0..1 (input is clamped).
 */

/** Clamps to 0..1. */
export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Slow start and end: camera motion that never jerks at a scene boundary. */
export function easeInOutSine(progress: number): number {
  return 0.5 - 0.5 * Math.cos(Math.PI * clamp01(progress));
}

/** Quick start, soft landing: elements arriving on screen. */
export function easeOutCubic(progress: number): number {
  const inverse = 1 - clamp01(progress);
  return 1 - inverse * inverse * inverse;
}

/** Symmetric and firmer than sine: transitions between scenes. */
export function easeInOutCubic(progress: number): number {
  const p = clamp01(progress);
  return p < 0.5 ? 4 * p * p * p : 1 - (-2 * p + 2) ** 3 / 2;
}

/** Slow, then very fast, then slow: a whip pan's travel. */
export function easeInOutQuint(progress: number): number {
  const p = clamp01(progress);
  return p < 0.5 ? 16 * p ** 5 : 1 - (-2 * p + 2) ** 5 / 2;
}

/** Overshoots a little, then settles: something popping into place. */
export function easeOutBack(progress: number): number {
  const p = clamp01(progress) - 1;
  // 1.70158: the classic overshoot of about 10 % (Robert Penner's easing equations).
  const overshoot = 1.70158;
  return 1 + (overshoot + 1) * p ** 3 + overshoot * p ** 2;
}
