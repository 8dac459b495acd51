/**
 * @module director-words
 * The embedded director's sentences besides the plan descriptions (`describePlan`,
 * `describeBatch`) — edit and undo replies, the edit handlers' notes, help, status lines — in
 * English and in Simplified Chinese, one typed catalogue per language. A reply follows the language of the message it answers: Chinese when the message
 * holds a CJK character (`hasCjk`), else English. The plain-words change lines inside the
 * replies come from `diffDrafts` with {@link DirectorWords.changes}.
 */
import type { TextSegment } from '../../../shared/draft-schema';
import type { ChangeWords } from '../../../shared/change-words';
import { CHANGE_WORDS_EN, CHANGE_WORDS_ZH } from '../../../shared/change-words';

/** What a "remove …" clause looked for and did not find: a text by its words, or a kind of text. */
export type RemoveTarget = { text: string } | 'captions' | 'title' | 'overlays' | 'overlay';

/** The director's sentences in one language. Values come in as formatted ("15", "1080x1920"). */
export interface DirectorWords {
  /** The change lines (`diffDrafts`) in this language. */
  changes: ChangeWords;
  /** Between two sentences of one reply: a space in English, nothing in Chinese. */
  sentenceGap: string;
  /** Status lines shown while a turn runs. */
  status: {
    planningScenes: string;
    planningVideos: string;
    editingTimeline: string;
    editingVideos: string;
  };
  /** Change lines as one sentence: "Canvas …; Duration …." */
  changeSentence(changes: readonly string[]): string;
  /** An edit that changed something: "Done: Canvas …." */
  done(changes: readonly string[]): string;
  /** Clauses skipped, as typed. */
  couldNotDo(clauses: readonly string[]): string;
  nothingNeeded: string;
  /** A message that is no edit: the sentence, then {@link DirectorWords.help}. */
  notAChange(text: string, target: 'video' | 'videos'): string;
  /** What the visitor can ask for. */
  help: string;
  /** Said before the help when there is no video yet. */
  startHint: string;
  /** Said after the help while a batch is current; `label` names its first video. */
  batchHelp(label: string): string;
  nothingToUndo: string;
  /** Back one draft version; `changes` may be empty. */
  undone(changes: readonly string[]): string;
  /** Back one batch version; `perItem` from `describePerItem`, null when it cannot say. */
  batchUndone(perItem: string | null): string;
  /** Out of batch mode to the session's one draft (its title), or to none. */
  leftBatch(title: string | null): string;
  /** A batch edit: whether any video changed, then `perItem`. */
  batchEdit(changed: boolean, perItem: string): string;
  /** One result and the videos it is true of: "Waves, Space: …". */
  forItems(labels: readonly string[], text: string): string;
  /** A video of a batch edit that needed no change. */
  itemNothingNeeded: string;
  /** Two versions differ in something no change line names. */
  updatedTimeline: string;
  /** The error when the director made a draft or batch its schema refuses (its own fault). */
  timelineBroken: string;
  /** The change would pass the draft's size budget (draft-schema.ts); `reason` says which bound. */
  tooLarge(reason: string): string;
  // The edit handlers' notes: why a clause changed nothing.
  alreadyCanvas(size: string, aspect: string): string;
  alreadyLength(seconds: string): string;
  alreadyLook(paletteName: string): string;
  noClipSound: string;
  clipSoundAlreadyOn: string;
  clipSoundAlreadyOff: string;
  noMusicToTurnOff: string;
  musicAlreadyOn: string;
  nothingToRemove(target: RemoveTarget): string;
  noTitleToColour: string;
  noTextToRestyle(role: TextSegment['role']): string;
  oneScene: string;
  /** A video keeps at least one scene (and one second). */
  lastScene: string;
  sceneAlreadyThere(sceneNumber: number): string;
}

const sentenceEn = (changes: readonly string[]): string => `${changes.join('; ')}.`;
const sentenceZh = (changes: readonly string[]): string => `${changes.join('；')}。`;

const HELP_EN = [
  'I can change the video with commands like:',
  '• length: "make it 15 seconds", "shorter", "longer"',
  '• shape: "make it vertical", "square", "landscape"',
  '• title: \'title "Big News"\', "title in red", "bigger title"',
  '• text: \'add text "Sale ends Friday" at 5s\', \'add a text overlay "…" from 5 to 8 seconds\', "remove the overlay", "no captions"',
  '• music: "music at 20%", "no music", "add music", "make the music calm"',
  '• your clips\' own sound: "mute the clips", "clip sound at 50%", "unmute the clips"',
  '• transitions: "use slide transitions", "wipe", "crossfade", "use zoom transitions", "whip pan", "dip to black", "no transitions"',
  '• look: "use the Ocean palette", "different colours"',
  '• scenes: "swap scenes 2 and 3", "move scene 2 to the end", "remove the last scene", \'change scene 3\'s text to "Fresh daily"\', "start with the beach photo"',
  '• pace and place: "faster pace", "slower pace", "title at the bottom", "captions at the top"',
  '• scenery: "make it night", "add rain", "no skyline"',
  '• narration: "add a voiceover", "no narration"',
  '• "undo" goes back one change; "generate a 30-second video from this script: …" starts over.',
].join('\n');

/** English: the director's original wording (tests pin it byte for byte). */
export const DIRECTOR_WORDS_EN: DirectorWords = {
  changes: CHANGE_WORDS_EN,
  sentenceGap: ' ',
  status: {
    planningScenes: 'planning scenes…',
    planningVideos: 'planning videos…',
    editingTimeline: 'editing the timeline…',
    editingVideos: 'editing the videos…',
  },
  changeSentence: sentenceEn,
  done: (changes) => `Done: ${sentenceEn(changes)}`,
  couldNotDo: (clauses) =>
    `I could not do ${clauses.map((c) => `“${c}”`).join(' or ')}; say “help” to see what I can change.`,
  nothingNeeded: 'Nothing needed changing.',
  notAChange: (text, target) =>
    `I could not turn “${text}” into a change to ${target === 'video' ? 'this video' : 'these videos'}. ${HELP_EN}`,
  help: HELP_EN,
  startHint:
    'Tell me what video to make, e.g. "generate a 30-second explainer video from this script: …" or "a vertical 15-second promo for my bakery".',
  batchHelp: (label) =>
    `• batch: a change goes to every video; name one to change only it, e.g. "make the ${label} one vertical"; "undo" goes back one change.`,
  nothingToUndo: 'There is nothing to undo yet.',
  undone: (changes) =>
    changes.length > 0 ? `Undone: ${sentenceEn(changes)}` : 'Undone: back to the previous version.',
  batchUndone: (perItem) =>
    perItem !== null
      ? `Undone — ${perItem}`
      : 'Undone: back to the previous version of the videos.',
  leftBatch: (title) =>
    title !== null
      ? `Undone: no more batch; the session is back to one video, “${title}”, unchanged.`
      : 'Undone: no more batch; the session is back to one video, and there is none yet. Tell me what to make, e.g. “combine these clips into a 20-second promo”.',
  batchEdit: (changed, perItem) => `${changed ? 'Done' : 'Nothing changed'} — ${perItem}`,
  forItems: (labels, text) => `${labels.join(', ')}: ${text}`,
  itemNothingNeeded: 'nothing needed changing.',
  updatedTimeline: 'updated the timeline',
  timelineBroken:
    'The video director made a timeline that does not hold together, so nothing was changed. Please try rephrasing.',
  tooLarge: (reason) =>
    `That would make the video too big to keep (${reason}), so nothing was changed. Remove some texts or scenes first, or make a shorter video.`,
  alreadyCanvas: (size, aspect) => `It is already ${size} (${aspect}).`,
  alreadyLength: (seconds) => `It is already ${seconds} s long.`,
  alreadyLook: (paletteName) => `The look is already ${paletteName}.`,
  noClipSound:
    'The clips’ own sound is not in this video (the clips have none, or it was left out when the video was planned).',
  clipSoundAlreadyOn: 'The clips’ own sound is already on.',
  clipSoundAlreadyOff: 'The clips’ own sound is already off.',
  noMusicToTurnOff: 'There is no music to turn off.',
  musicAlreadyOn: 'The music is already on.',
  nothingToRemove: (target) =>
    `There is no ${typeof target === 'string' ? target : `text '${target.text}'`} to remove.`,
  noTitleToColour: 'There is no title to colour: add one with title "Your words".',
  noTextToRestyle: (role) =>
    `There are no ${role === 'caption' ? 'captions' : role === 'title' ? 'titles' : 'text overlays'} to change.`,
  oneScene: 'There is only one scene, so there is nothing to transition between.',
  lastScene: 'A video keeps at least one scene and one second, so that scene stays.',
  sceneAlreadyThere: (n) => `Scene ${n} is already there.`,
};

const HELP_ZH = [
  '你可以这样让我修改视频：',
  '• 时长：“改成15秒”“短一点”“长一点”',
  '• 画面：“改成竖屏”“改成方形”“改成横屏”',
  '• 标题：标题改成“大促开始”、“标题改成红色”、“标题大一点”',
  '• 文字：添加文字“周五截止”5秒到8秒、“删除文字”、“去掉字幕”',
  '• 音乐：“音乐调到20%”“去掉音乐”“加背景音乐”“音乐换成舒缓的”',
  '• 片段原声：“原声静音”“原声调到50%”“打开原声”',
  '• 转场：“用滑动转场”“用擦除转场”“用淡入淡出转场”“转场用缩放”“甩镜头”“黑场过渡”“去掉转场”',
  '• 配色：“换个配色”“用 Ocean 配色”',
  '• 场景：“交换第2和第3个场景”“把第2个场景移到最后”“删除最后一个场景”、把第3个场景的文字改成“每天新鲜”、“从海滩照片开始”',
  '• 节奏和位置：“节奏快一点”“放慢节奏”“标题放在底部”“字幕放到顶部”',
  '• 画面背景：“改成夜晚”“下雨”“去掉天际线”',
  '• 旁白：“加上旁白”“去掉旁白”',
  '• 说“撤销”回到上一步；说“生成一个30秒的视频，脚本：…”就重新开始。',
].join('\n');

const ROLE_ZH: Record<TextSegment['role'], string> = {
  title: '标题',
  caption: '字幕',
  overlay: '文字',
};

/** Simplified Chinese, in the tone of the Chinese plan replies and the app's `messages-zh`. */
export const DIRECTOR_WORDS_ZH: DirectorWords = {
  changes: CHANGE_WORDS_ZH,
  sentenceGap: '',
  status: {
    planningScenes: '正在规划场景…',
    planningVideos: '正在规划视频…',
    editingTimeline: '正在修改时间线…',
    editingVideos: '正在修改视频…',
  },
  changeSentence: sentenceZh,
  done: (changes) => `改好了：${sentenceZh(changes)}`,
  couldNotDo: (clauses) =>
    `${clauses.map((c) => `“${c}”`).join('和')}我还做不到；说“帮助”看看我能改什么。`,
  nothingNeeded: '没有需要改的地方。',
  notAChange: (text, target) =>
    `我没能把“${text}”理解成对${target === 'video' ? '这个视频' : '这些视频'}的修改。\n${HELP_ZH}`,
  help: HELP_ZH,
  startHint:
    '告诉我想做什么视频，比如“生成一个30秒的讲解视频，脚本：…”或“给我的面包店做一个15秒的竖屏宣传视频”。',
  batchHelp: (label) =>
    `• 多个视频：修改会用到每个视频；说出名字就只改那一个，比如“把 ${label} 改成竖屏”；“撤销”回到上一步。`,
  nothingToUndo: '还没有可以撤销的修改。',
  undone: (changes) =>
    changes.length > 0 ? `已撤销：${sentenceZh(changes)}` : '已撤销：回到了上一个版本。',
  batchUndone: (perItem) =>
    perItem !== null ? `已撤销——${perItem}` : '已撤销：这些视频回到了上一个版本。',
  leftBatch: (title) =>
    title !== null
      ? `已撤销：不再分别做视频，回到单个视频「${title}」，它没有变化。`
      : '已撤销：不再分别做视频，回到单个视频，不过还没有视频。告诉我想做什么，比如“把这些片段合并成一个20秒的宣传片”。',
  batchEdit: (changed, perItem) => `${changed ? '改好了' : '没有改动'}——${perItem}`,
  forItems: (labels, text) => `${labels.join('、')}：${text}`,
  itemNothingNeeded: '不需要改动。',
  updatedTimeline: '更新了时间线',
  timelineBroken: '视频导演排出的时间线有问题，所以没有做任何修改。请换个说法再试一次。',
  tooLarge: (reason) =>
    `这样视频会太大，无法保存（${reason}），所以没有做任何修改。请先删掉一些文字或场景，或做一个更短的视频。`,
  alreadyCanvas: (size, aspect) => `已经是 ${size}（${aspect}）了。`,
  alreadyLength: (seconds) => `已经是 ${seconds} 秒了。`,
  alreadyLook: (paletteName) => `配色已经是 ${paletteName} 了。`,
  noClipSound: '这个视频里没有片段原声（片段本身没有声音，或做视频时没有用上）。',
  clipSoundAlreadyOn: '片段原声已经开着了。',
  clipSoundAlreadyOff: '片段原声已经关掉了。',
  noMusicToTurnOff: '没有背景音乐可以关。',
  musicAlreadyOn: '背景音乐已经开着了。',
  nothingToRemove: (target) =>
    typeof target === 'string'
      ? `没有可以删除的${target === 'captions' ? '字幕' : target === 'title' ? '标题' : '文字'}。`
      : `没有找到文字「${target.text}」，没有删除。`,
  noTitleToColour: '还没有标题，没法改颜色：先说 标题改成“你的文字” 加一个。',
  noTextToRestyle: (role) => `没有可以修改的${ROLE_ZH[role]}。`,
  oneScene: '只有一个场景，没有可以加转场的地方。',
  lastScene: '视频至少要保留一个场景和一秒，所以这个场景没有删除。',
  sceneAlreadyThere: (n) => `第 ${n} 个场景已经在那里了。`,
};

/**
 * The catalogue for a reply.
 * @param cjk the message answered holds a CJK character (`hasCjk`)
 */
export function directorWords(cjk: boolean): DirectorWords {
  return cjk ? DIRECTOR_WORDS_ZH : DIRECTOR_WORDS_EN;
}
