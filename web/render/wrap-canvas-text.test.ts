import { describe, expect, it } from 'vitest';
import { layoutText, type MeasureText } from './wrap-canvas-text';

/** Every character is 0.5 em wide, CJK characters 1 em: enough to check the wrapping rules. */
const measure: MeasureText = (text, font) => {
  const size = Number(/(\d+)px/.exec(font)?.[1] ?? '0');
  let width = 0;
  for (const char of text) width += /[\u3000-\u9FFF\uFF00-\uFFEF]/.test(char) ? size : size / 2;
  return width;
};
const style = { fontWeight: 700, fontFamily: 'Inter', fontSizePx: 20 };

describe('layoutText', () => {
  it('wraps Latin text at spaces within the width', () => {
    const layout = layoutText('one two three four', style, 100, 1000, measure);
    expect(layout.lines.map((l) => l.text)).toEqual(['one two', 'three four']);
    expect(layout.fontSizePx).toBe(20);
    for (const line of layout.lines) expect(line.width).toBeLessThanOrEqual(100);
    expect(layout.unitCount).toBe(4);
    expect(layout.lines[0]?.units[1]).toEqual({ text: 'two', x: 40 });
  });

  it('wraps CJK per character and keeps closing punctuation off the line start', () => {
    const layout = layoutText('你好世界，再见', style, 80, 1000, measure);
    // 80 px holds four characters, but "，" may not start a line: "界" moves down with it.
    expect(layout.lines.map((l) => l.text)).toEqual(['你好世', '界，再见']);
  });

  it('honours forced line breaks', () => {
    const layout = layoutText('a\nb', style, 1000, 1000, measure);
    expect(layout.lines.map((l) => l.text)).toEqual(['a', 'b']);
  });

  it('shrinks the font until the block fits the height', () => {
    const layout = layoutText('one two three four five six seven eight', style, 100, 50, measure);
    expect(layout.height).toBeLessThanOrEqual(50);
    expect(layout.fontSizePx).toBeLessThan(20);
  });

  it('shrinks rather than splitting a long word, and splits only at the minimum size', () => {
    const fits = layoutText('Reelwright', style, 60, 1000, measure);
    expect(fits.lines).toHaveLength(1);
    expect(fits.lines[0]?.width).toBeLessThanOrEqual(60);
    const tiny = layoutText('Reelwright', style, 20, 1000, measure);
    for (const line of tiny.lines) expect(line.width).toBeLessThanOrEqual(20);
  });
});
