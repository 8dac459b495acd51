import { describe, expect, it } from 'vitest';
import { defaultAspectEdit } from './default-aspect';

describe('the widget default aspect', () => {
  it('asks for the host shape when the first draft came out in another one', () => {
    expect(defaultAspectEdit({ width: 1920, height: 1080 }, '9:16', false)).toBe(
      'make it vertical 9:16',
    );
    expect(defaultAspectEdit({ width: 1920, height: 1080 }, '1:1', false)).toBe(
      'make it square 1:1',
    );
    expect(defaultAspectEdit({ width: 1080, height: 1920 }, '16:9', false)).toBe(
      'make it horizontal 16:9',
    );
  });

  it('leaves the draft alone when it already has that shape, none was set, or the visitor named one', () => {
    expect(defaultAspectEdit({ width: 1080, height: 1920 }, '9:16', false)).toBeNull();
    expect(defaultAspectEdit({ width: 1920, height: 1080 }, null, false)).toBeNull();
    expect(defaultAspectEdit({ width: 1920, height: 1080 }, '9:16', true)).toBeNull();
  });
});
