/**
 * @module edit-scenes
 * Edit handler for scenes, in English and Chinese: "swap scenes 2 and 3" / "交换第2和第3个场景",
 * "move scene 2 to the end" / "把第2个场景移到最后", "start with the beach photo" /
 * "从海滩照片开始", "remove the last scene" / "删除最后一个场景", "change scene 3's text to …" /
 * "把第3个场景的文字改成…". Reads words only; `scene-timeline` applies the ops.
 */
import type { EditOp, SceneRef } from '../../../shared/edit-op-schema';
import { quoteIn } from './edit-clauses';
import type { EditHandler } from './edit-step';
import { SCENE_WORD, labelRef, scenesNamed } from './read-scene-ref';

const SUBJECT = new RegExp(
  `\\b${SCENE_WORD}\\b|场景|镜头|\\b(?:start|begin|open|lead)\\s+(?:it\\s+|the video\\s+)?with\\b|(?:从|以).+(?:开始|开头)`,
  'u',
);
const START_WITH =
  /\b(?:start|begin|open|lead)\s+(?:it\s+|the video\s+)?with\s+(.+)$|(?:从|以)(.+?)(?:开始|开头)/u;
const SWAP = /\b(?:swap|switch|exchange|trade|flip)\b|交换|调换|互换|对调/u;
const MOVE = /\b(?:move|put|place|bring)\b|移到|移动|放到|挪到|放在|调到/u;
const TO_END = /\b(?:the end|last|the back)\b|最后|末尾|结尾/u;
const TO_START = /\b(?:the (?:start|beginning|front)|first)\b|最前|开头|第一/u;
const TO_PLACE = /\b(?:to|into)\s+(?:position|place|slot)\s+(\d{1,3})\b/u;
const REMOVE = /\b(?:remove|delete|drop|cut|get rid of|lose|skip)\b|删除|删掉|去掉|移除|不要|剪掉/u;
/** The new text: after "text/caption/words … to", or "say …"; "文字改成 …". */
const NEW_TEXT =
  /\b(?:text|caption|words?|copy)\s+(?:to|as|into|say|says|read|reads|:|=)\s*(.+)$|\b(?:say|read)\s+(.+)$|(?:文字|字幕|文案|内容|台词)(?:改成|改为|换成|为|是|[:：])\s*(.+)$/iu;

/** Where "move … to …" puts a scene, given the scenes named in the clause. */
function destination(clause: string, named: readonly SceneRef[]): SceneRef | null {
  const place = TO_PLACE.exec(clause);
  if (place?.[1]) return Number(place[1]);
  if (named.length >= 2) return named[1] ?? null;
  const after = clause.replace(/^.*?(?:\bto\b|\bat\b|移到|放到|挪到|放在|调到)/u, '');
  if (TO_END.test(after)) return 'last';
  if (TO_START.test(after)) return 'first';
  return null;
}

/** The text a clause gives a scene: a quote, or the words after "text to"; null when none. */
function newText(original: string, quotes: readonly string[]): string | null {
  const quoted = quoteIn(original, quotes);
  if (quoted) return quoted;
  const match = NEW_TEXT.exec(original);
  const text = (match?.[1] ?? match?.[2] ?? match?.[3])?.trim();
  return text ? text : null;
}

/** See the module doc; null when the clause names a scene but asks nothing this handler does. */
export const scenesHandler: EditHandler<EditOp> = {
  name: 'scenes',
  matches: (clause) => SUBJECT.test(clause),
  read(clause, quotes, original) {
    const named = scenesNamed(clause);
    const start = START_WITH.exec(clause);
    if (start && named.length === 0) {
      const from = labelRef(start[1] ?? start[2] ?? '');
      return from ? { op: 'move-scene', from, to: 'first' } : null;
    }
    const first = named[0];
    if (first === undefined) return null;
    if (start) return { op: 'move-scene', from: first, to: 'first' };
    const text = newText(original, quotes);
    if (text !== null) return { op: 'set-scene-text', scene: first, text };
    if (SWAP.test(clause)) {
      const second = named[1];
      return second === undefined
        ? null
        : { op: 'move-scene', from: first, to: second, swap: true };
    }
    if (MOVE.test(clause)) {
      const to = destination(clause, named);
      return to === null ? null : { op: 'move-scene', from: first, to };
    }
    if (REMOVE.test(clause)) return { op: 'remove-scene', scene: first };
    return null;
  },
};
