import { describe, expect, it } from 'vitest';
import { colourName, parseColour } from './parse-colour';

describe('parseColour', () => {
  it('maps names and codes to lowercase #rrggbb', () => {
    expect(parseColour('title in red')?.hex).toBe('#ff0000');
    expect(parseColour('make it light blue')?.hex).toBe('#7dd3fc');
    expect(parseColour('use #FFAA00')?.hex).toBe('#ffaa00');
    expect(parseColour('use #fa0')?.hex).toBe('#ffaa00');
    expect(parseColour('标题改成红色')?.hex).toBe('#ff0000');
  });

  it('returns null without a colour and ignores words that only contain one ("reddit", "bored")', () => {
    expect(parseColour('make it bigger')).toBeNull();
    expect(parseColour('post it on reddit')).toBeNull();
  });

  it('takes the colour named first', () => {
    expect(parseColour('white, not black')?.hex).toBe('#ffffff');
  });

  it('names known hex colours back', () => {
    expect(colourName('#FF0000')).toBe('red');
    expect(colourName('#123456')).toBe('#123456');
  });
});
