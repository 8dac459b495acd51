import { describe, expect, it } from 'vitest';
import { totalFrameCount, videoEncoderSettings } from './encoder-settings';

describe('videoEncoderSettings', () => {
  it('uses High 4.0 for 1080p30 in both orientations and the square format', () => {
    for (const [width, height] of [
      [1920, 1080],
      [1080, 1920],
      [1080, 1080],
    ] as const) {
      const settings = videoEncoderSettings({ width, height, fps: 30 });
      expect(settings.codecString).toBe('avc1.640028');
      expect(settings.levelIdc).toBe(40);
    }
  });

  it('scales the bitrate with the pixel rate around 7 Mbps for 1080p30', () => {
    expect(videoEncoderSettings({ width: 1920, height: 1080, fps: 30 }).bitrate).toBe(7_000_000);
    expect(videoEncoderSettings({ width: 1080, height: 1080, fps: 30 }).bitrate).toBe(3_937_500);
    expect(videoEncoderSettings({ width: 64, height: 64, fps: 30 }).bitrate).toBe(1_000_000);
  });

  it('raises the level when the macroblock rate needs it (1080p60 → 4.2, 4K30 → 5.1)', () => {
    expect(videoEncoderSettings({ width: 1920, height: 1080, fps: 60 }).codecString).toBe(
      'avc1.64002A',
    );
    expect(videoEncoderSettings({ width: 3840, height: 2160, fps: 30 }).codecString).toBe(
      'avc1.640033',
    );
  });
});

describe('totalFrameCount', () => {
  it('rounds duration times fps', () => {
    expect(totalFrameCount({ durationMs: 4_000, canvas: { width: 16, height: 16, fps: 30 } })).toBe(
      120,
    );
    expect(totalFrameCount({ durationMs: 1_017, canvas: { width: 16, height: 16, fps: 30 } })).toBe(
      31,
    );
  });
});
