/**
 * @module edit-brand
 * Brand edits in chat: "use my brand colours #0a84ff and #ff375f", "logo bottom right", "move the
 * logo to the top left", "no logo", "use my brand kit", "Inter font"; "用我的品牌色 #0a84ff 和
 * #ff375f", "logo 放在右下角", "去掉 logo", "用我的品牌". Read as one `set-brand` op; colours,
 * font and logo corner are also saved in the visitor's kit ({@link brandKitAfter}), "no logo"
 * only leaves this video's logo out. Applying a corner or the whole kit needs the saved kit,
 * which the engine puts in the op ({@link withSavedKit}).
 */
import type { BrandKit, LogoCorner } from '../../../shared/brand-kit-schema';
import { MAX_BRAND_COLOURS } from '../../../shared/brand-kit-schema';
import type { EditOp, EditOpOf } from '../../../shared/edit-op-schema';
import {
  applyBrandColours,
  applyBrandFont,
  applyBrandKit,
  applyBrandLogo,
  isEmptyBrandKit,
} from './apply-brand-kit';
import type { EditHandler, OpApplier } from './edit-step';

const SUBJECT = /\blogo\b|\bbrand\b|品牌|标志|徽标|\bfont\b|字体/u;
const HEX = /#[0-9a-f]{6}\b/gu;
const NO_LOGO =
  /\b(?:no|remove|hide|without|drop|delete)\b.*\blogo\b|\blogo\b.*\b(?:off|away)\b|去掉|删除|不要|隐藏|移除/u;
const WHOLE_KIT = /\b(?:use|apply)\b.*\bbrand(?:ing| kit)?\b|用.*品牌|应用.*品牌/u;
const FONTS: ReadonlyArray<[RegExp, NonNullable<BrandKit['font']>]> = [
  [/\bnoto sans(?: sc)?\b|思源黑体/u, 'Noto Sans SC'],
  [/\binter\b/u, 'Inter'],
];

/** The corner a clause names ("bottom right", "top-left", "右下角"), or null. */
function cornerOf(clause: string): LogoCorner | null {
  const vertical = /\btop\b|上/u.test(clause)
    ? 'top'
    : /\bbottom\b|下/u.test(clause)
      ? 'bottom'
      : null;
  const side = /\bleft\b|左/u.test(clause) ? 'left' : /\bright\b|右/u.test(clause) ? 'right' : null;
  return vertical && side ? `${vertical}-${side}` : null;
}

/** Words of the notes, English and Chinese. */
const NOTES = {
  emptyKit: [
    'Your brand kit is empty: set colours, a font and a logo in the library, or say "use my brand colours #0a84ff and #ff375f".',
    '你的品牌套件还是空的：在资料库里设置颜色、字体和 logo，或者说「用我的品牌色 #0a84ff 和 #ff375f」。',
  ],
  noLogo: [
    'There is no logo in your brand kit yet: pick one of your pictures in the library.',
    '你的品牌套件里还没有 logo：在资料库里选一张你上传的图片。',
  ],
  noLogoToRemove: ['This video has no logo to remove.', '这个视频没有 logo 可以去掉。'],
} as const;

/** See the module doc. */
export const brandHandler: EditHandler<EditOpOf<'set-brand'>> = {
  name: 'brand',
  matches: (clause) => SUBJECT.test(clause),
  read(clause) {
    const colors = /\bbrand\b|品牌/u.test(clause)
      ? (clause.match(HEX) ?? []).slice(0, MAX_BRAND_COLOURS)
      : [];
    if (colors.length > 0) return { op: 'set-brand', colors };
    if (/\blogo\b|标志|徽标/u.test(clause)) {
      if (NO_LOGO.test(clause)) return { op: 'set-brand', logo: 'none' };
      const corner = cornerOf(clause);
      if (corner) return { op: 'set-brand', logo: corner };
    }
    if (/\bfont\b|字体/u.test(clause)) {
      const font = FONTS.find(([words]) => words.test(clause))?.[1];
      if (font) return { op: 'set-brand', font };
    }
    return WHOLE_KIT.test(clause) ? { op: 'set-brand', useKit: true } : null;
  },
};

/** `ops` with the visitor's saved kit put in each `set-brand` op (the applier needs it for a logo). */
export function withSavedKit(ops: readonly EditOp[], kit: BrandKit): EditOp[] {
  return ops.map((op) => (op.op === 'set-brand' ? { ...op, kit } : op));
}

/**
 * The kit after the brand edits of a turn: colours, font and logo corner as said; null when the
 * ops change nothing in it ("no logo" and "use my brand kit" change only the video).
 */
export function brandKitAfter(kit: BrandKit, ops: readonly EditOp[]): BrandKit | null {
  let next = kit;
  for (const op of ops) {
    if (op.op !== 'set-brand') continue;
    if (op.colors) next = { ...next, colors: op.colors.map((c) => c.toLowerCase()) };
    if (op.font) next = { ...next, font: op.font };
    if (op.logo && op.logo !== 'none') next = { ...next, logoCorner: op.logo };
  }
  return JSON.stringify(next) === JSON.stringify(kit) ? null : next;
}

/** The brand edit on a draft; a note when there is nothing to apply (empty kit, no logo). */
export const applyBrandOp: OpApplier<'set-brand'> = (draft, op, cjk) => {
  const say = (note: readonly [string, string]): string => note[cjk ? 1 : 0];
  let next = draft;
  const notes: string[] = [];
  if (op.useKit) {
    if (!op.kit || isEmptyBrandKit(op.kit)) notes.push(say(NOTES.emptyKit));
    else next = applyBrandKit(next, op.kit);
  }
  if (op.colors) next = applyBrandColours(next, op.colors);
  if (op.font) next = applyBrandFont(next, op.font);
  if (op.logo === 'none') {
    if (next.logo) {
      const { logo: _removed, ...rest } = next;
      next = rest;
    } else notes.push(say(NOTES.noLogoToRemove));
  } else if (op.logo) {
    if (next.logo) next = { ...next, logo: { ...next.logo, corner: op.logo } };
    else if (op.kit?.logo) next = applyBrandLogo(next, op.kit, op.logo);
    else notes.push(say(NOTES.noLogo));
  }
  return notes.length > 0 ? { draft: next, note: notes.join(' ') } : { draft: next };
};

/** The reply when the kit was changed before there is a video: what it now holds. */
export function brandKitSaved(kit: BrandKit, cjk: boolean): string {
  const colours = kit.colors.join(cjk ? '、' : ', ');
  const corner = kit.logoCorner.replace('-', ' ');
  if (cjk)
    return `已保存你的品牌套件：颜色 ${colours || '无'}，字体 ${kit.font ?? '默认'}，logo 位置 ${corner}。新视频会用上它。`;
  return `Saved your brand kit: colours ${colours || 'none'}, font ${kit.font ?? 'default'}, logo ${corner}. New videos use it.`;
}
