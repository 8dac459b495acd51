import { describe, expect, it } from 'vitest';
import { quoteIn, splitEdit, withoutQuotes } from './edit-clauses';

describe('splitEdit', () => {
  it('splits at "and", commas and Chinese separators', () => {
    expect(splitEdit('make it vertical and 15 seconds').clauses).toEqual([
      'make it vertical',
      '15 seconds',
    ]);
    expect(splitEdit('Square, music at 20%; no transitions').clauses).toEqual([
      'square',
      'music at 20%',
      'no transitions',
    ]);
    expect(splitEdit('改成竖屏，15秒').clauses).toEqual(['改成竖屏', '15秒']);
  });

  it('keeps quotes whole, including their commas and "and"', () => {
    const command = splitEdit('title "Big, Bold and New" and make it vertical');
    expect(command.clauses).toEqual(['title ⟦0⟧', 'make it vertical']);
    expect(command.quotes).toEqual(['Big, Bold and New']);
    expect(quoteIn(command.clauses[0] ?? '', command.quotes)).toBe('Big, Bold and New');
  });

  it('reads single-quoted phrases but not apostrophes', () => {
    const command = splitEdit("add text 'Don't miss it' at 5s");
    expect(command.quotes).toEqual(["Don't miss it"]);
    expect(splitEdit("it's fine").quotes).toEqual([]);
  });

  it('keeps "between 5 and 8 seconds" in one clause', () => {
    expect(splitEdit('add text "Hi" between 5 and 8 seconds').clauses).toEqual([
      'add text ⟦0⟧ between 5 and 8 seconds',
    ]);
  });

  it('keeps the typed case in originals and drops empty clauses', () => {
    const command = splitEdit('Change the title to Big News, and .');
    expect(command.originals).toEqual(['Change the title to Big News']);
    expect(command.clauses).toEqual(['change the title to big news']);
    expect(withoutQuotes('add text ⟦0⟧ at 5s')).toBe('add text at 5s');
  });
});
