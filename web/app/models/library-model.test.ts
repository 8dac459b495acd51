import { describe, expect, it } from 'vitest';
import type { RenderSummary, SessionInfo } from '../../../shared/api-schema';
import { joinLibrary } from './library-model';

function session(id: string, updatedAtMs: number): SessionInfo {
  return {
    id,
    title: `Video ${id}`,
    createdAtMs: 0,
    updatedAtMs,
    version: 1,
    summary: 'Timeline (1 track): …',
  };
}

function render(
  id: string,
  sessionId: string,
  createdAtMs: number,
  status: RenderSummary['status'],
): RenderSummary {
  return {
    id,
    sessionId,
    title: 'x',
    status,
    renderer: 'browser',
    draftVersion: 1,
    batchItemId: null,
    progress: 1,
    framesDone: 0,
    totalFrames: 0,
    fps: 0,
    costCredits: 1,
    createdAtMs,
    updatedAtMs: createdAtMs,
    error: null,
    downloadUrl: null,
    sizeBytes: null,
  };
}

describe('joinLibrary', () => {
  it('pairs each session with its newest render, newest change first', () => {
    const entries = joinLibrary(
      [session('a', 10), session('b', 30), session('c', 20)],
      [
        render('r1', 'a', 1, 'failed'),
        render('r2', 'a', 5, 'completed'),
        render('r3', 'x', 9, 'completed'),
      ],
    );
    expect(entries.map((e) => [e.session.id, e.latestRender?.id ?? null])).toEqual([
      ['b', null],
      ['c', null],
      ['a', 'r2'],
    ]);
  });
});
