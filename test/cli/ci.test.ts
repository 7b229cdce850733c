import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, repoRoot, tempDir, tix, tixBin } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const github = (run: string, attempt = '1') => ({
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'ecoles/payroll',
  GITHUB_RUN_ID: run,
  GITHUB_RUN_ATTEMPT: attempt,
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF_NAME: 'main',
  GITHUB_WORKFLOW: 'nightly',
  GITHUB_JOB: 'export',
});
const pat = async () =>
  (
    await s.api('POST', '/tokens', {
      token: await s.tokenFor('sarah@demo.test'),
      body: { name: 'ci', scopes: ['tickets:read', 'tickets:write'] },
    })
  ).body.token as string;
const ticketsOf = async (summary: string) =>
  (await s.api('GET', `/tickets?search=${encodeURIComponent(summary)}&limit=100`, { token: await s.tokenFor('sarah@demo.test') })).body
    .items as Array<{ id: number; summary: string; messageCount: number; fields: Record<string, unknown> }>;

describe('CI incident recipe', () => {
  it('--from-ci fills the run into the description; the same run twice (and a re-run) files one ticket', async () => {
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await pat(), ...github('9001') });
    const args = ['ticket', 'create', '--type', 'incident', '--field', 'severity=high', '--from-ci', '--json', 'id,summary,fields'];
    const first = await tix(args, { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.json().summary).toBe('CI failure: nightly / export on main');
    expect(first.json().fields.url).toBe('https://github.com/ecoles/payroll/actions/runs/9001');
    const view = await s.api('GET', `/tickets/${first.json().id}`, { token: await s.tokenFor('sarah@demo.test') });
    expect(view.body.messages[0].body).toBe(
      [
        'The job export of ecoles/payroll failed.',
        '',
        'Reported from GitHub Actions for ecoles/payroll:',
        '- Run: https://github.com/ecoles/payroll/actions/runs/9001',
        '- Job: nightly / export',
        '- Commit: 0123456789abcdef0123456789abcdef01234567 on main',
      ].join('\n'),
    );

    const again = await tix(args, { env });
    expect(again.code).toBe(0);
    expect(again.json().id).toBe(first.json().id);
    // a re-run (new attempt) whose report differs still files nothing new
    const rerun = await tix([...args, '--description', 'Now with a different log line'], { env: { ...env, GITHUB_RUN_ATTEMPT: '2' } });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(new RegExp(`This CI run already reported ticket #${first.json().id}: nothing new was filed`));
    expect(await ticketsOf('CI failure nightly export')).toHaveLength(1);
  });

  it('--dedupe: a second failing run replies to the open ticket with the same summary instead of opening another', async () => {
    const token = await pat();
    const run = (id: string) =>
      tix(
        [
          'ticket',
          'create',
          '--type',
          'incident',
          '--establishment',
          est.lille.siret,
          '--summary',
          'Nightly import failing',
          '--field',
          'severity=medium',
          '--from-ci',
          '--dedupe',
          '--json',
          'id,messageCount',
        ],
        { env: isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: token, ...github(id) }) },
      );
    const one = await run('7001');
    const two = await run('7002');
    expect(one.code).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(two.json().id).toBe(one.json().id);
    expect(two.json().messageCount).toBe(2);
    expect(two.stderr).toMatch(/Replied to open ticket #\d+ "Nightly import failing"/);
    // the same run again adds no second reply
    const twoAgain = await run('7002');
    expect(twoAgain.json().messageCount).toBe(2);
    expect(await ticketsOf('Nightly import failing')).toHaveLength(1);
    // once the ticket is closed, the next failure opens a new one
    await s.api('POST', `/tickets/${one.json().id}/close`, { token: await s.tokenFor('agent@demo.test') });
    const three = await run('7003');
    expect(three.json().id).not.toBe(one.json().id);
  });

  it('works from GitLab CI variables, keyed on the pipeline (a retried job files nothing new)', async () => {
    const gitlab = (job: string) => ({
      GITLAB_CI: 'true',
      CI_PROJECT_PATH: 'ecoles/site',
      CI_PIPELINE_ID: '555',
      CI_PIPELINE_URL: 'https://gitlab.example.com/ecoles/site/-/pipelines/555',
      CI_JOB_ID: job,
      CI_JOB_NAME: 'deploy',
      CI_COMMIT_SHA: 'abc123',
      CI_COMMIT_REF_NAME: 'release',
    });
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await pat() });
    const a = await tix(['ticket', 'create', '--type', 'product-error', '--from-ci', '--json', 'id,summary'], {
      env: { ...env, ...gitlab('1') },
    });
    const b = await tix(['ticket', 'create', '--type', 'product-error', '--from-ci', '--json', 'id'], { env: { ...env, ...gitlab('2') } });
    expect(a.code, a.stderr).toBe(0);
    expect(b.json().id).toBe(a.json().id);
    expect(a.json().summary).toBe('CI failure: deploy on release');
  });

  it('--from-ci outside CI is a usage error', async () => {
    const r = await tix(['ticket', 'create', '--type', 'incident', '--from-ci'], {
      env: isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await pat() }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from-ci: no CI run found/);
  });
});

describe("the README's recipes", () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = (name: string) => {
    const m = new RegExp(`<!-- recipe: ${name.replace(/\./g, '\\.')} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
    if (!m) throw new Error(`README has no recipe block "${name}"`);
    return m[1]!;
  };

  it('the shell script that files from a JSON file runs as written, and files once however often it runs', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'request.json'), block('request.json'));
    writeFileSync(join(dir, 'file-request.sh'), block('file-request.sh'), { mode: 0o755 });
    // `tix` on PATH is the real binary
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'tix'), `#!/bin/sh\nexec "${process.execPath}" "${tixBin}" "$@"\n`, { mode: 0o755 });
    const env = { ...isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await pat() }), PATH: `${bin}:${process.env.PATH}` } as NodeJS.ProcessEnv;
    // asynchronously: the test server answers from this very process
    const sh = () =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn('sh', ['./file-request.sh'], { cwd: dir, env });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stderr }));
      });
    const first = await sh();
    expect(first.status, first.stderr).toBe(0);
    const again = await sh();
    expect(again.status, again.stderr).toBe(0);
    const filed = JSON.parse(readFileSync(join(dir, 'ticket.json'), 'utf8'));
    expect(filed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tickets\/\d+$/);
    const summary = JSON.parse(block('request.json')).fields.summary as string;
    expect((await ticketsOf(summary)).filter((t) => t.summary === summary)).toHaveLength(1);
  });

  it('the GitHub Actions and GitLab CI jobs use the commands tested above', () => {
    expect(block('github-actions.yml')).toMatch(/tix ticket create .*--from-ci/);
    expect(block('github-actions.yml')).toMatch(/TIX_TOKEN: \$\{\{ secrets\.TIX_TOKEN \}\}/);
    expect(block('gitlab-ci.yml')).toMatch(/tix ticket create .*--from-ci/);
  });
});

describe('terminal manners', () => {
  it('links ticket numbers with OSC 8 where the terminal supports it, and only there', async () => {
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('sarah@demo.test'), NO_COLOR: '1' });
    const linked = await tix(['ticket', 'list', '--limit', '1'], { env: { ...env, FORCE_HYPERLINK: '1' }, tty: true });
    expect(linked.stdout).toMatch(/\u001b\]8;;http:\/\/127\.0\.0\.1:\d+\/tickets\/\d+\u0007#\d+ *\u001b\]8;;\u0007/);
    const plain = await tix(['ticket', 'list', '--limit', '1'], { env, tty: true });
    expect(plain.stdout).not.toContain('\u001b]8;;');
    const piped = await tix(['ticket', 'list', '--limit', '1'], { env: { ...env, FORCE_HYPERLINK: '1' } });
    expect(piped.stdout).not.toContain('\u001b');
  });

  it('colour: on for a terminal, off with NO_COLOR, forced with CLICOLOR_FORCE for human text when piped', async () => {
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('sarah@demo.test') });
    expect((await tix(['ticket', 'list', '--limit', '1'], { env, tty: true })).stdout).toContain('\u001b[');
    expect((await tix(['ticket', 'list', '--limit', '1'], { env: { ...env, NO_COLOR: '1' }, tty: true })).stdout).not.toContain('\u001b[');
    // forced colour reaches human text (a conversation piped to less -R), never tab-separated rows for scripts
    const id = String((await tix(['ticket', 'list', '--limit', '1', '--json', 'id'], { env })).json()[0].id);
    expect((await tix(['ticket', 'view', id], { env: { ...env, CLICOLOR_FORCE: '1' } })).stdout).toContain('\u001b[1m');
    expect((await tix(['ticket', 'list', '--limit', '1'], { env: { ...env, CLICOLOR_FORCE: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('never lets control characters from the server reach the terminal', async () => {
    const token = await s.tokenFor('sarah@demo.test');
    const hostile = 'Invoice \u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007 \u009b31m';
    // tix serve refuses control characters in a summary (a one-line field); another server, or data stored
    // before that rule, may still send them: written straight into the store, which keeps text as given
    const sarah = (await s.store.identity.findUserByEmail('sarah@demo.test'))!;
    const lille = (await s.store.identity.allEstablishments()).find((e) => e.siret === '81234567600025')!;
    const written = await s.store.tickets.createTicket({
      establishmentId: lille.id,
      createdById: sarah.id,
      onBehalfOf: null,
      type: 'question',
      category: 'general',
      summary: hostile,
      fields: {},
      description: `body ${hostile}`,
      uploadIds: [],
      followUpOf: null,
      at: new Date().toISOString(),
    });
    const created = { body: { id: 'ticketId' in written ? written.ticketId : 0 } };
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: token, NO_COLOR: '1' });
    for (const args of [['ticket', 'list', '--limit', '3'], ['ticket', 'view', String(created.body.id)], ['inbox']]) {
      for (const tty of [true, false]) {
        const r = await tix(args, { env, tty });
        expect(r.stdout + r.stderr, `${args.join(' ')} tty=${tty}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
    }
    const view = await tix(['ticket', 'view', String(created.body.id)], { env });
    expect(view.stdout).toContain('Invoice \u241b[2J\u241b]52;c;cm0gLXJmIH4=\ufffd \ufffd31m');
  });
});
