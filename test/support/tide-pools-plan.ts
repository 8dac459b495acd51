/**
 * @module tide-pools-plan
 * A valid `plan_video` call's arguments (engine/director-tools.ts): a 30-second storyboard about
 * tide pools with three scenes of copy. Used by the fake model server's scripted plan and by the
 * MCP tests, so both plan through the same registry with the same input.
 */
export const TIDE_POOLS_PLAN = {
  brief: {
    source: 'words',
    language: 'en',
    title: 'Tide pools',
    scenes: [],
    fromScript: false,
    durationMs: 30_000,
    palette: 'Ocean',
    mood: 'calm',
    clipSound: true,
    mediaIds: [],
    narration: false,
  },
  sceneCopy: [
    { headline: 'Low tide opens the pools', visual: 'waves on rocks' },
    { headline: 'Crabs and anemones', caption: 'Look, do not touch.', visual: 'a crab' },
    { headline: 'Leave them as you found them', visual: 'a beach at sunset' },
  ],
};
