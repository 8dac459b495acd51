import { describe, expect, it } from 'vitest';
import { guiActions, toolStatus } from './nemo-gui-actions';

describe('GUI phrases → action chips', () => {
  it('maps export, upload and panel phrases in English and Chinese', () => {
    expect(guiActions('Preview it, then click Export to download.')).toEqual([
      { kind: 'export', label: 'Export MP4' },
    ]);
    expect(guiActions('请点击导出按钮')).toEqual([{ kind: 'export', label: 'Export MP4' }]);
    expect(guiActions('Drag the clip onto the timeline.').map((a) => a.kind)).toEqual(['upload']);
    expect(guiActions('Open the editor panel to adjust it.')).toEqual([
      { kind: 'prompt', label: 'Show tracks', prompt: 'show tracks' },
    ]);
    expect(guiActions('Your video has three scenes.')).toEqual([]);
  });

  it('words tool calls as status lines', () => {
    expect(toolStatus('add_text_overlay')).toBe('adding text overlay…');
    expect(toolStatus('generateVideo')).toBe('generating video…');
    expect(toolStatus('set_bgm_volume')).toBe('setting bgm volume…');
  });
});
