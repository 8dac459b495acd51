import { describe, expect, it } from 'vitest';
import { DIRECTOR_WORDS_EN, DIRECTOR_WORDS_ZH, directorWords } from './director-words';
import { applyEdit, planStoryboard } from '../../../test/support/director-from-text';
import { parseMessage } from './parse-message';

const DRAFT = planStoryboard(
  'a 30 second video for our cloud app from this script: Nimbus keeps files safe. Teams find files fast. Try Nimbus today.',
);

/** Every example the Chinese help gives (quoted there), as a visitor would type it. */
const CHINESE_EXAMPLES = [
  '改成15秒',
  '短一点',
  '长一点',
  '改成竖屏',
  '改成方形',
  '改成横屏',
  '标题改成“大促开始”',
  '标题改成红色',
  '标题大一点',
  '添加文字“周五截止”5秒到8秒',
  '删除文字',
  '去掉字幕',
  '音乐调到20%',
  '去掉音乐',
  '加背景音乐',
  '音乐换成舒缓的',
  '原声静音',
  '原声调到50%',
  '打开原声',
  '用滑动转场',
  '用擦除转场',
  '用淡入淡出转场',
  '去掉转场',
  '换个配色',
  '用 Ocean 配色',
];

/** The newer edits' examples in the help (scenes, pace, place, scenery, narration), both languages. */
const NEWER_EXAMPLES: ReadonlyArray<[help: string, example: string]> = [
  ['en', 'swap scenes 2 and 3'],
  ['en', 'move scene 2 to the end'],
  ['en', 'remove the last scene'],
  ['en', 'change scene 3\'s text to "Fresh daily"'],
  ['en', 'start with the beach photo'],
  ['en', 'faster pace'],
  ['en', 'slower pace'],
  ['en', 'title at the bottom'],
  ['en', 'captions at the top'],
  ['en', 'make it night'],
  ['en', 'add rain'],
  ['en', 'no skyline'],
  ['en', 'add a voiceover'],
  ['en', 'no narration'],
  ['zh', '交换第2和第3个场景'],
  ['zh', '把第2个场景移到最后'],
  ['zh', '删除最后一个场景'],
  ['zh', '把第3个场景的文字改成“每天新鲜”'],
  ['zh', '从海滩照片开始'],
  ['zh', '节奏快一点'],
  ['zh', '放慢节奏'],
  ['zh', '标题放在底部'],
  ['zh', '字幕放到顶部'],
  ['zh', '改成夜晚'],
  ['zh', '下雨'],
  ['zh', '去掉天际线'],
  ['zh', '加上旁白'],
  ['zh', '去掉旁白'],
];

describe('directorWords', () => {
  it('picks Chinese for a Chinese message, English otherwise', () => {
    expect(directorWords(true)).toBe(DIRECTOR_WORDS_ZH);
    expect(directorWords(false)).toBe(DIRECTOR_WORDS_EN);
  });

  it('gives in the Chinese help only examples the director understands', () => {
    for (const example of CHINESE_EXAMPLES) {
      expect(DIRECTOR_WORDS_ZH.help).toContain(example);
      expect(applyEdit(DRAFT, example).kind, example).toBe('edited');
    }
  });

  it.each(NEWER_EXAMPLES)(
    'lists the newer edits in the %s help, each read as an edit: %s',
    (help, example) => {
      const words = help === 'zh' ? DIRECTOR_WORDS_ZH : DIRECTOR_WORDS_EN;
      expect(words.help).toContain(example);
      // Read, not applied: some need an upload or a painted sky this draft does not have.
      const request = parseMessage(example, { draft: DRAFT, batch: null, media: [], history: [] });
      expect(request.kind === 'edits' && request.unread).toEqual([]);
    },
  );

  it("says the handlers' notes in the language of the message", () => {
    const palette = DRAFT.look.paletteName;
    expect(applyEdit(DRAFT, `用 ${palette} 配色`)).toMatchObject({
      kind: 'edited',
      draft: DRAFT,
      notes: [`配色已经是 ${palette} 了。`],
    });
    expect(applyEdit(DRAFT, '删除字幕，然后去掉字幕')).toMatchObject({
      kind: 'edited',
      notes: ['没有可以删除的字幕。'],
    });
    expect(applyEdit(DRAFT, `use the ${palette} palette`)).toMatchObject({
      kind: 'edited',
      notes: [`The look is already ${palette}.`],
    });
  });
});
