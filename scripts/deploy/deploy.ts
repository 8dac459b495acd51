/**
 * `npm run deploy [-- --secrets-file <file>] [-- --dry-run] [-- --no-build]`: puts Reelwright on
 * Cloudflare with the project's wrangler and the operator's own login (`npx wrangler login`, or
 * `CLOUDFLARE_API_TOKEN` + `CLOUDFLARE_ACCOUNT_ID`).
 *
 * 1. builds the SPA (`vite build`) unless `--no-build`;
 * 2. refuses (exit 1) when a required secret ({@link REQUIRED_SECRETS}) is unset: read from
 *    `--secrets-file` (JSON or .env, uploaded with the deploy; `VISITOR_SECRET` must also pass the
 *    Worker's own check) or else from the deployed Worker (`wrangler secret list`);
 * 3. creates each R2 bucket of wrangler.toml that is missing (`--dry-run`: only says so);
 * 4. `wrangler deploy` (`--dry-run`: bundles into a temp folder, uploads nothing, and measures the
 *    bundle and assets against Cloudflare's limits), then prints the Worker's URL.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, parseEnv } from 'node:util';
import { spawnSync } from 'node:child_process';
import { visitorSecretProblem } from '../../functions/middleware/visitor-secret-guard';
import { readDeployConfig, REQUIRED_SECRETS } from './deploy-config';
import { deployTargets } from './deploy-targets';
import { dryRunDeploy } from './dry-run-deploy';
import { runWrangler } from './run-wrangler';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: flags } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'secrets-file': { type: 'string' },
  },
});
const dryRun = flags['dry-run'];
const secretsFile = flags['secrets-file'];

function fail(message: string): never {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

/** Secret names and (from a file) values; `null` values when only the names are known. */
async function knownSecrets(workerName: string): Promise<Map<string, string | null>> {
  if (secretsFile) {
    const text = readFileSync(secretsFile, 'utf8');
    const entries = text.trimStart().startsWith('{')
      ? Object.entries(JSON.parse(text) as Record<string, unknown>).map(([k, v]) => [k, String(v)])
      : Object.entries(parseEnv(text));
    return new Map(entries.map(([k, v]) => [k, v ?? '']));
  }
  const listed = await runWrangler(root, ['secret', 'list', '--format', 'json']);
  if (listed.status !== 0) {
    if (/10007|not found|does not exist/i.test(listed.output)) return new Map();
    fail(`Could not list the secrets of "${workerName}":\n${listed.output.trim()}`);
  }
  const names = JSON.parse(listed.output.slice(listed.output.indexOf('['))) as { name: string }[];
  return new Map(names.map(({ name }) => [name, null]));
}

const config = readDeployConfig(root);
if (!flags['no-build']) {
  console.log('▶ building the SPA');
  const build = spawnSync(
    path.join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) fail('The build failed.');
}

console.log(`▶ checking the secrets of "${config.workerName}"`);
const secrets = await knownSecrets(config.workerName);
for (const name of REQUIRED_SECRETS) {
  if (!secrets.has(name))
    fail(
      `Refusing to deploy: the secret ${name} is not set for "${config.workerName}".\n` +
        `  Set it:  openssl rand -base64 48 | npx wrangler secret put ${name}\n` +
        `  or pass it with the first deploy:  npm run deploy -- --secrets-file <file.json>`,
    );
}
const visitorSecret = secrets.get('VISITOR_SECRET');
const problem = visitorSecret === null ? null : visitorSecretProblem(visitorSecret);
if (problem)
  fail(
    `Refusing to deploy: VISITOR_SECRET in ${secretsFile} is ${problem} (at least 32 random characters).`,
  );

for (const bucket of config.bucketNames) {
  const info = await runWrangler(root, ['r2', 'bucket', 'info', bucket]);
  if (info.status === 0) continue;
  if (!/10006|does not exist/i.test(info.output))
    fail(`Could not look up the R2 bucket ${bucket}:\n${info.output.trim()}`);
  if (dryRun) {
    console.log(`  would create the R2 bucket ${bucket}`);
    continue;
  }
  console.log(`▶ creating the R2 bucket ${bucket}`);
  const created = await runWrangler(root, ['r2', 'bucket', 'create', bucket], true);
  if (created.status !== 0) fail(`Could not create the R2 bucket ${bucket}.`);
}

const extraArgs = secretsFile ? ['--secrets-file', secretsFile] : [];
if (dryRun) {
  console.log('▶ wrangler deploy --dry-run');
  const report = await dryRunDeploy(root, extraArgs).catch((error: Error) => fail(error.message));
  console.log(`${report}\n\n✔ dry run: deployable; nothing was uploaded.`);
} else {
  console.log('▶ wrangler deploy');
  const outputFile = path.join(mkdtempSync(path.join(tmpdir(), 'reelwright-deploy-')), 'out.json');
  const deployed = await runWrangler(root, ['deploy', ...extraArgs], true, {
    WRANGLER_OUTPUT_FILE_PATH: outputFile,
  });
  if (deployed.status !== 0) fail('wrangler deploy failed (its output is above).');
  const urls = existsSync(outputFile) ? deployTargets(readFileSync(outputFile, 'utf8')) : [];
  console.log(`\n✔ Reelwright is live${urls.length > 0 ? ` at ${urls.join(', ')}` : ''}.`);
}
