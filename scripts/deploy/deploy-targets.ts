/**
 * @module deploy-targets
 * Reads where a `wrangler deploy` put the Worker from wrangler's machine-readable output file
 * (`WRANGLER_OUTPUT_FILE_PATH`: one JSON entry per line; the `deploy` entry lists its `targets`,
 * the workers.dev URL, routes and custom domains), instead of matching its printed text.
 */
import { z } from 'zod';

const deployEntrySchema = z.object({ type: z.literal('deploy'), targets: z.array(z.string()) });

/**
 * @param outputFileText the text of wrangler's output file (ND-JSON)
 * @returns the `https://` targets of the last deploy entry, in wrangler's order (empty when there
 *   is none, e.g. a Worker deployed with no route and workers.dev off)
 * @throws SyntaxError when a line is not JSON
 */
export function deployTargets(outputFileText: string): string[] {
  const deploys = outputFileText
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => deployEntrySchema.safeParse(JSON.parse(line)))
    .flatMap((entry) => (entry.success ? [entry.data] : []));
  return (deploys.at(-1)?.targets ?? []).filter((target) => target.startsWith('https://'));
}
