/**
 * @module icon-paths
 * Turns a Lucide icon (by its kebab-case name, e.g. `bar-chart-3`) into one `Path2D` in Lucide's
 * 24x24 coordinate space, ready to be stroked at any size on a 2D canvas (main thread or worker).
 * Lucide icons are stroke-only drawings made of `path`, `circle`, `ellipse`, `rect`, `line`,
 * `polyline` and `polygon` nodes.
 */
import { icons } from 'lucide';

/** Lucide draws every icon in a 24x24 box. */
export const ICON_VIEWBOX = 24;

type IconNode = readonly (readonly [
  tag: string,
  attrs: Readonly<Record<string, string | number | undefined>>,
])[];

const iconNodes: Readonly<Record<string, IconNode | undefined>> = icons;

/** `bar-chart-3` → `BarChart3`, the key of Lucide's `icons` map. */
export function iconExportName(kebabName: string): string {
  return kebabName
    .split('-')
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function num(attrs: Readonly<Record<string, string | number | undefined>>, key: string): number {
  const value = Number(attrs[key] ?? 0);
  return Number.isFinite(value) ? value : 0;
}

function pointList(value: string | number | undefined): number[] {
  return String(value ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isFinite(n));
}

/**
 * Builds the icon's outline as one `Path2D` in the 24x24 box, or `null` when Lucide has no icon
 * of that name (the frame then simply shows no icon).
 * @param kebabName Lucide name in kebab-case, as stored in the draft (`rocket`, `chart-line`)
 */
export function buildIconPath(kebabName: string): Path2D | null {
  const node = iconNodes[iconExportName(kebabName)];
  if (!node) return null;
  const path = new Path2D();
  for (const [tag, attrs] of node) {
    switch (tag) {
      case 'path':
        if (typeof attrs.d === 'string') path.addPath(new Path2D(attrs.d));
        break;
      case 'circle': {
        const cx = num(attrs, 'cx');
        const cy = num(attrs, 'cy');
        const r = num(attrs, 'r');
        path.moveTo(cx + r, cy);
        path.arc(cx, cy, r, 0, Math.PI * 2);
        path.closePath();
        break;
      }
      case 'ellipse': {
        const cx = num(attrs, 'cx');
        const cy = num(attrs, 'cy');
        const rx = num(attrs, 'rx');
        path.moveTo(cx + rx, cy);
        path.ellipse(cx, cy, rx, num(attrs, 'ry'), 0, 0, Math.PI * 2);
        path.closePath();
        break;
      }
      case 'rect': {
        const rx = num(attrs, 'rx') || num(attrs, 'ry');
        path.roundRect(
          num(attrs, 'x'),
          num(attrs, 'y'),
          num(attrs, 'width'),
          num(attrs, 'height'),
          rx,
        );
        break;
      }
      case 'line':
        path.moveTo(num(attrs, 'x1'), num(attrs, 'y1'));
        path.lineTo(num(attrs, 'x2'), num(attrs, 'y2'));
        break;
      case 'polyline':
      case 'polygon': {
        const points = pointList(attrs.points);
        for (let i = 0; i + 1 < points.length; i += 2) {
          const x = points[i] ?? 0;
          const y = points[i + 1] ?? 0;
          if (i === 0) path.moveTo(x, y);
          else path.lineTo(x, y);
        }
        if (tag === 'polygon') path.closePath();
        break;
      }
      default:
        break; // Lucide uses no other shapes; anything new is skipped rather than drawn wrong.
    }
  }
  return path;
}
