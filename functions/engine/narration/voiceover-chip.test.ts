import { describe, expect, it } from 'vitest';
import { type TurnEvents, chipsOf, draftOf, turn } from '../../../test/support/engine-turn';
import { speechOf } from './plan-narration';

const SCRIPT_EN =
  'make a 20-second video from this script: Passwords are hard to remember. A manager keeps them safe. Try one today.';
const SCRIPT_ZH = '用这段脚本做一个20秒的视频：密码很难记。密码管理器帮你保管。今天就试试。';

describe('the voiceover chip', () => {
  it.each([
    [SCRIPT_EN, 'Add a voiceover'],
    [SCRIPT_ZH, '添加配音'],
  ])(
    'is offered after a plan from a script, and pressing it narrates the video (%#)',
    (prompt, label) => {
      const planned = turn(prompt);
      const chip = chipsOf(planned).find((action) => action.label === label);
      expect(chip?.kind).toBe('prompt');
      expect(speechOf(draftOf(planned))).toBeNull();
      const narrated = draftOf(turn(chip?.prompt ?? '', draftOf(planned)));
      expect(speechOf(narrated)?.text.length).toBeGreaterThan(0);
      expect(chipsOf(turn('make it vertical', narrated)).map((a) => a.label)).not.toContain(label);
    },
  );

  it('is not offered for a topic, nor when the script is already narrated', () => {
    const labels = (events: TurnEvents) => chipsOf(events).map((a) => a.label);
    expect(labels(turn('make a 20-second video about tea'))).not.toContain('Add a voiceover');
    expect(labels(turn(SCRIPT_EN.replace('video', 'video with voiceover')))).not.toContain(
      'Add a voiceover',
    );
  });
});
