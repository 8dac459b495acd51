/**
 * @module nemo-gui-actions
 * The backend writes as if it had a GUI ("click Export", "open the panel", "drag the clip",
 * "点击导出"). This finds those phrases in a reply and offers our real controls instead, as
 * action chips: Export, Upload, and "show tracks". Pure, no I/O.
 */
import type { SuggestedAction } from '../../../shared/events-schema';

/** Each GUI phrase family and the chip that does the real thing. */
const GUI_PHRASES: ReadonlyArray<{ patterns: RegExp[]; action: SuggestedAction }> = [
  {
    patterns: [
      /\b(click|press|tap|hit|use)\b[^.!?\n]{0,30}\bexport/i,
      /\bexport (button|panel|menu)\b/i,
      /点击?[^。！？\n]{0,8}导出/,
      /导出按钮/,
    ],
    action: { kind: 'export', label: 'Export MP4' },
  },
  {
    patterns: [
      /\b(drag|drop)\b/i,
      /\b(click|press|tap)\b[^.!?\n]{0,30}\bupload/i,
      /\bupload (button|panel|area)\b/i,
      /拖/,
      /点击?[^。！？\n]{0,8}上传/,
    ],
    action: { kind: 'upload', label: 'Upload media' },
  },
  {
    patterns: [
      /\bopen\b[^.!?\n]{0,30}\b(panel|timeline|tracks?|editor|tab)\b/i,
      /打开[^。！？\n]{0,8}(面板|时间线|轨道)/,
    ],
    action: { kind: 'prompt', label: 'Show tracks', prompt: 'show tracks' },
  },
];

/**
 * The chips for the GUI phrases in `text`, each kind once, in a stable order.
 * @example guiActions('Done! Click Export to download.') // [{kind:'export', label:'Export MP4'}]
 */
export function guiActions(text: string): SuggestedAction[] {
  return GUI_PHRASES.filter(({ patterns }) => patterns.some((pattern) => pattern.test(text))).map(
    ({ action }) => ({ ...action }),
  );
}

/** Verbs whose "-ing" form is not the plain rule (double consonant or dropped e handled by rule). */
const GERUNDS: Readonly<Record<string, string>> = {
  set: 'setting',
  get: 'getting',
  cut: 'cutting',
  trim: 'trimming',
  put: 'putting',
  run: 'running',
  split: 'splitting',
};

/**
 * A status line for a backend tool call: `add_text_overlay` → "adding text overlay…",
 * `generateVideo` → "generating video…".
 */
export function toolStatus(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word !== '');
  const [verb, ...rest] = words;
  if (verb === undefined) return 'working…';
  const gerund =
    GERUNDS[verb] ??
    (verb.endsWith('ing')
      ? verb
      : /[^aeiou]e$/.test(verb)
        ? `${verb.slice(0, -1)}ing`
        : `${verb}ing`);
  return `${[gerund, ...rest].join(' ')}…`;
}
