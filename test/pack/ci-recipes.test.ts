import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { demoEstablishments } from '../../src/server/demo.ts';
import { repoRoot, tempDir } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { skipUnless } from '../helpers/strict.ts';
import { npmEnv, pack } from './installed.ts';

// The README's CI recipes, run as written: the job downloads the release tarball, checks its sha256, installs
// it and files the incident. Only what a real CI provides is supplied (its variables, a temp dir, the secret,
// the release URL and checksum the README says to replace); the release is this working tree's `npm pack`,
// served over HTTP. A tarball that does not match the checksum must stop the job before npm sees it.
const skip = skipUnless(spawnSync('curl', ['--version']).status === 0, 'curl (the recipes download the release with it)');
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const recipe = (name: string) => {
  const m = new RegExp(`<!-- recipe: ${name.replace(/\./g, '\\.')} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!m) throw new Error(`README has no recipe block "${name}"`);
  return m[1]!;
};

/** A recipe's environment: its variables, but for `${{ … }}` expressions (the caller supplies those). */
const variables = (vars: Record<string, string>) =>
  Object.fromEntries(Object.entries(vars).filter(([, v]) => !String(v).startsWith('${{')));
const githubStep = () => parse(recipe('github-actions.yml'))[0] as { env: Record<string, string>; run: string };
const gitlabJob = () => parse(recipe('gitlab-ci.yml'))['report-failure'] as { variables: Record<string, string>; script: string[] };

interface Recipe {
  script(): string;
  variables(): Record<string, string>;
  /** what the CI sets for every job (what --from-ci reads) */
  ci(dir: string): Record<string, string>;
  /** the run's URL, as --from-ci finds it */
  runUrl: string;
}

const github: Recipe = {
  runUrl: 'https://github.com/ecoles/payroll/actions/runs/4242',
  script: () => githubStep().run,
  variables: () => variables(githubStep().env),
  // what GitHub Actions sets for every run (the --from-ci fields), and the step's shell: bash -eo pipefail
  ci: (dir: string) => ({
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'ecoles/payroll',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF_NAME: 'main',
    GITHUB_WORKFLOW: 'nightly',
    GITHUB_JOB: 'export',
  }),
};
const gitlab: Recipe = {
  runUrl: 'https://gitlab.example.com/ecoles/payroll/-/pipelines/77',
  // GitLab runs the script's lines in one shell and stops at the first that fails
  script: () => ['set -eo pipefail', ...gitlabJob().script].join('\n'),
  variables: () => variables(gitlabJob().variables),
  ci: (_dir: string) => ({
    GITLAB_CI: 'true',
    CI_PIPELINE_URL: 'https://gitlab.example.com/ecoles/payroll/-/pipelines/77',
    CI_JOB_URL: 'https://gitlab.example.com/ecoles/payroll/-/jobs/4243',
    CI_PIPELINE_ID: '77',
    CI_JOB_ID: '4243',
    CI_JOB_NAME: 'report-failure',
    CI_PROJECT_PATH: 'ecoles/payroll',
    CI_COMMIT_SHA: '0123456789abcdef0123456789abcdef01234567',
    CI_COMMIT_REF_NAME: 'main',
  }),
};

const work = tempDir('tix-ci-recipes-');
let release: Buffer;
let releaseSha256: string;
let downloads: Server;
let downloadsUrl = '';
let s: TestServer;
let token = '';

beforeAll(async () => {
  if (skip) return;
  const { tarball } = await pack(work);
  release = readFileSync(tarball);
  releaseSha256 = createHash('sha256').update(release).digest('hex');
  // the release host: /tix.tgz is the release, /tampered.tgz the same with one byte changed
  downloads = createServer((req, res) => {
    if (req.url !== '/tix.tgz' && req.url !== '/tampered.tgz') return void res.writeHead(404).end();
    const body = Buffer.from(release);
    if (req.url === '/tampered.tgz') body[body.length - 1]! ^= 1;
    res.writeHead(200, { 'content-type': 'application/gzip' }).end(body);
  });
  await new Promise<void>((resolve) => downloads.listen(0, '127.0.0.1', resolve));
  downloadsUrl = `http://127.0.0.1:${(downloads.address() as AddressInfo).port}`;
  s = await startTestServer();
  const created = await s.api('POST', '/tokens', {
    token: await s.tokenFor('sarah@demo.test'),
    body: { name: 'ci', scopes: ['tickets:read', 'tickets:write'] },
  });
  token = created.body.token;
}, 120_000);

afterAll(async () => {
  await s?.close();
  if (downloads) await new Promise((resolve) => downloads.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

/** Runs a recipe's script as its CI would, with `tarball` as the release; npm installs into a fresh prefix. */
function runRecipe(r: Recipe, tarball: string): Promise<{ code: number | null; output: string; prefix: string }> {
  const dir = mkdtempSync(join(work, 'job-'));
  const prefix = join(dir, 'prefix');
  const recipeVariables = r.variables();
  expect(recipeVariables.TIX_TARBALL_URL).toMatch(/^https:/);
  const env = {
    ...npmEnv({ npm_config_prefix: prefix, npm_config_prefer_offline: 'true' }),
    PATH: [join(prefix, 'bin'), dirname(process.execPath), process.env.PATH].join(delimiter),
    ...recipeVariables,
    ...r.ci(dir),
    // what the README says to replace, and the secret
    TIX_TARBALL_URL: `${downloadsUrl}/${tarball}`,
    TIX_TARBALL_SHA256: releaseSha256,
    TIX_SERVER: s.url,
    TIX_TOKEN: token,
    TIX_CONFIG_DIR: join(dir, 'config'),
  };
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', r.script()], { cwd: dir, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output, prefix }));
  });
}

describe.skipIf(skip)("the README's CI recipes, run", () => {
  it.each([
    ['GitHub Actions', github],
    ['GitLab CI', gitlab],
  ])('%s: a tarball that is not the release stops the job before it is installed', async (_name, r) => {
    const job = await runRecipe(r, 'tampered.tgz');
    expect(job.code, job.output).not.toBe(0);
    expect(job.output).toMatch(/FAILED/);
    expect(existsSync(join(job.prefix, 'bin', 'tix')), 'tix was installed from a tarball that failed its check').toBe(false);
  });

  it.each([
    ['GitHub Actions', github],
    ['GitLab CI', gitlab],
  ])('%s: the release is downloaded, checked, installed, and files the incident', async (_name, r) => {
    const job = await runRecipe(r, 'tix.tgz');
    expect(job.code, job.output).toBe(0);
    expect(job.output).toMatch(/tix\.tgz: OK/);
    expect(existsSync(join(job.prefix, 'bin', 'tix'))).toBe(true);
    const incidents = await s.api('GET', `/tickets?type=incident&establishment=${demoEstablishments.lille.siret}&limit=100`, {
      token: await s.tokenFor('sarah@demo.test'),
    });
    expect(incidents.body.items.map((t: { fields: { url?: string } }) => t.fields.url)).toContain(r.runUrl);
  });
});
