/**
 * @module director-tools
 * The director's tools, defined once with zod: `plan_video` (a {@link Brief} plus per-scene
 * copy), one tool per {@link EditOp} kind (derived from the union's options, so a new kind is a
 * new tool with no edit here; `undo` is one of them), and `export`. The language-model director
 * hands them to its model; an MCP endpoint can list the same registry. {@link readToolCall}
 * validates a call's arguments: the draft only ever changes through a call it accepted.
 */
import { z } from 'zod';
import { briefSchema } from '../../shared/brief-schema';
import type { Brief } from '../../shared/brief-schema';
import { MAX_BRIEF_SCENES } from '../../shared/brief-schema';
import { MAX_SEGMENT_TEXT_CHARS } from '../../shared/draft-schema';
import { editOpSchema } from '../../shared/edit-op-schema';
import type { EditOp } from '../../shared/edit-op-schema';

/** Longest visual hint of a scene ("a dog in a bath"): one short sentence. */
const MAX_VISUAL_HINT_CHARS = 200;

/** The words and look of one planned scene after the title. */
export const sceneCopySchema = z
  .object({
    headline: z.string().min(1).max(MAX_SEGMENT_TEXT_CHARS).describe('The scene’s main line'),
    caption: z
      .string()
      .max(MAX_SEGMENT_TEXT_CHARS)
      .optional()
      .describe('A second sentence shown with the headline'),
    visual: z
      .string()
      .max(MAX_VISUAL_HINT_CHARS)
      .optional()
      .describe('What the scene should show (picks its picture, never shown as text)'),
  })
  .describe('One scene after the title');
export type SceneCopy = z.infer<typeof sceneCopySchema>;

/** `plan_video`: a new video from a brief; `sceneCopy`, when given, replaces `brief.scenes`. */
export const planVideoInputSchema = z.object({
  brief: briefSchema,
  sceneCopy: z.array(sceneCopySchema).max(MAX_BRIEF_SCENES).optional(),
});
export type PlanVideoInput = z.infer<typeof planVideoInputSchema>;

/** One tool: its name, what it does (for the model) and its arguments' schema. */
export interface DirectorTool {
  name: string;
  description: string;
  input: z.ZodObject;
}

/** The tool name of an op kind: `set-duration` → `set_duration` (tool names are identifiers). */
export function toolNameOf(op: EditOp['op']): string {
  return op.replaceAll('-', '_');
}

/** The op kind each op tool makes, by tool name. */
const OP_OF_TOOL = new Map<string, EditOp['op']>(
  editOpSchema.options.map((option) => [toolNameOf(option.shape.op.value), option.shape.op.value]),
);

const opTools: DirectorTool[] = editOpSchema.options.map((option) => {
  const object: z.ZodObject = option;
  return {
    name: toolNameOf(option.shape.op.value),
    description: option.description ?? option.shape.op.value,
    // `set-brand`'s `kit` is the visitor's saved kit, filled in by the engine, never by a caller.
    input: 'kit' in object.shape ? object.omit({ op: true, kit: true }) : object.omit({ op: true }),
  };
});

/** Every tool of the director, by name (see the module doc). */
export const DIRECTOR_TOOLS: readonly DirectorTool[] = [
  {
    name: 'plan_video',
    description:
      'Plan a new video (replaces the current one): a brief, and optionally the headline, caption ' +
      'and visual hint of each scene after the title',
    input: planVideoInputSchema,
  },
  ...opTools,
  {
    name: 'export',
    description: 'Offer to export the current video as an MP4 (the visitor presses Export)',
    input: z.object({}),
  },
];

/** A tool call the director accepted. */
export type ToolCall =
  /** `visuals[i]`: the visual hint of scene i after the title, if any. */
  | { kind: 'plan'; brief: Brief; visuals: Array<string | undefined> }
  | { kind: 'op'; op: EditOp }
  | { kind: 'export' };

/**
 * The brief a `plan_video` call means: its scene copy (headline, then caption) as the scenes.
 * @returns the brief unchanged when there is no copy
 */
export function briefWithCopy(input: PlanVideoInput): Brief {
  const copy = input.sceneCopy;
  if (copy === undefined || copy.length === 0) return input.brief;
  const scenes = copy.map((scene) =>
    scene.caption
      ? `${scene.headline}. ${scene.caption}`.slice(0, MAX_SEGMENT_TEXT_CHARS)
      : scene.headline,
  );
  return { ...input.brief, scenes };
}

/**
 * Validates one call against the registry.
 * @param name the tool name the model called
 * @param input its arguments (parsed JSON)
 * @returns the accepted call, or an error saying what was wrong (fit to send back to the model)
 */
export function readToolCall(
  name: string,
  input: unknown,
): { ok: true; call: ToolCall } | { ok: false; error: string } {
  const tool = DIRECTOR_TOOLS.find((candidate) => candidate.name === name);
  if (tool === undefined)
    return {
      ok: false,
      error: `There is no tool "${name.slice(0, 80)}". Tools: ${DIRECTOR_TOOLS.map((t) => t.name).join(', ')}.`,
    };
  const parsed = tool.input.safeParse(input);
  if (!parsed.success)
    return { ok: false, error: `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}` };
  if (name === 'export') return { ok: true, call: { kind: 'export' } };
  if (name === 'plan_video') {
    const plan = planVideoInputSchema.parse(input);
    const visuals = (plan.sceneCopy ?? []).map((scene) => scene.visual);
    return { ok: true, call: { kind: 'plan', brief: briefWithCopy(plan), visuals } };
  }
  const op = editOpSchema.safeParse({ ...parsed.data, op: OP_OF_TOOL.get(name) });
  if (!op.success)
    return { ok: false, error: `Invalid arguments for ${name}: ${op.error.message}` };
  return { ok: true, call: { kind: 'op', op: op.data } };
}
