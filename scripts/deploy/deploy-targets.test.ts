import { describe, expect, it } from 'vitest';
import { deployTargets } from './deploy-targets';

/** Lines as wrangler 4 writes them to WRANGLER_OUTPUT_FILE_PATH (fields trimmed). */
const OUTPUT = [
  '{"version":1,"type":"wrangler-session","wrangler_version":"4.0.0","command_line_args":["deploy"],"log_file_path":"x.log","timestamp":"2026-12-03T19:00:00.000Z"}',
  '{"type":"deploy","version":1,"worker_name":"reelwright","worker_tag":"t","version_id":"v","targets":["https://reelwright.acme.workers.dev","video.example.com/*","schedule: 0 * * * *"],"timestamp":"2026-12-03T19:00:05.000Z"}',
  '',
].join('\n');

describe('deployTargets', () => {
  it("names the deploy entry's https targets and skips routes, schedules and other entries", () => {
    expect(deployTargets(OUTPUT)).toEqual(['https://reelwright.acme.workers.dev']);
  });

  it('is empty when the run wrote no deploy entry (a refused upload)', () => {
    expect(deployTargets(OUTPUT.split('\n')[0] ?? '')).toEqual([]);
  });

  it('throws on a line that is not JSON', () => {
    expect(() => deployTargets('not json')).toThrow(SyntaxError);
  });
});
