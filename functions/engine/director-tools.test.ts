import { describe, expect, it } from 'vitest';
import { MAX_DRAFT_DURATION_MS } from '../../shared/draft-schema';
import { editOpSchema } from '../../shared/edit-op-schema';
import { DIRECTOR_TOOLS, readToolCall, toolNameOf } from './director-tools';

const BRIEF = {
  source: 'words',
  language: 'en',
  scenes: ['one'],
  fromScript: true,
  palette: 'Ocean',
  mood: 'calm',
  clipSound: true,
  mediaIds: [],
  narration: false,
};

describe('director tools', () => {
  it('has one tool per EditOp kind, plus plan_video and export', () => {
    const names = DIRECTOR_TOOLS.map((tool) => tool.name);
    for (const option of editOpSchema.options)
      expect(names).toContain(toolNameOf(option.shape.op.value));
    expect(names).toEqual(expect.arrayContaining(['plan_video', 'undo', 'export']));
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(editOpSchema.options.length + 2);
  });

  it('accepts a call within the bounds and makes the op', () => {
    expect(readToolCall('set_duration', { durationMs: 20_000 })).toEqual({
      ok: true,
      call: { kind: 'op', op: { op: 'set-duration', durationMs: 20_000 } },
    });
    expect(readToolCall('undo', {})).toEqual({
      ok: true,
      call: { kind: 'op', op: { op: 'undo' } },
    });
    expect(readToolCall('export', {})).toEqual({ ok: true, call: { kind: 'export' } });
  });

  it('refuses unknown tools and arguments out of bounds, saying why', () => {
    const unknown = readToolCall('reveal_api_key', {});
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error).toMatch(/There is no tool "reveal_api_key"/);
    const long = readToolCall('set_duration', { durationMs: MAX_DRAFT_DURATION_MS + 1 });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error).toMatch(/Invalid arguments for set_duration/);
    expect(readToolCall('set_aspect', { aspect: 'circle' }).ok).toBe(false);
    expect(readToolCall('set_duration', 'not an object').ok).toBe(false);
  });

  it('turns plan_video scene copy into the brief’s scenes and the visual hints', () => {
    const result = readToolCall('plan_video', {
      brief: BRIEF,
      sceneCopy: [
        { headline: 'Tides', caption: 'Twice a day.', visual: 'waves' },
        { headline: 'Crabs' },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      call: {
        kind: 'plan',
        brief: { scenes: ['Tides. Twice a day.', 'Crabs'] },
        visuals: ['waves', undefined],
      },
    });
  });
});
