import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/io/iostreams.ts';
import { type Result, repoRoot, spawnProgram, tempDir } from '../helpers/cli.ts';
import { RT_REQUIREMENT, RT_START_TIMEOUT, rtInstalled, startRt } from '../helpers/rt.ts';
import { olderNode, olderNodeWanted } from '../helpers/old-node.ts';
import { skipUnless } from '../helpers/strict.ts';
import { startJiraSmStub } from '../helpers/vendors/jira-sm.ts';
import { type Installation, installGlobally, pack } from './installed.ts';

// The pack tier: tix as users get it. The working tree is packed (`npm pack`), the tarball installed into an
// empty prefix (`npm install -g --prefix`), and every command of the tree, as the installed `tix help --json`
// lists it, runs through its main success path against a `tix serve --demo` started from the same
// installation. A command the scenario below never ran successfully fails the last test: a new command needs
// its step here.
//
// The scenario is one story, in order (each step uses what the previous ones made). Logins use
// --insecure-storage (a 0600 file): the keychain has its own tests, and this tier runs where none is set up.
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const PASSWORD = 'demo-password';
const PARIS = '81234567600017';
const LILLE = '81234567600025';

const work = tempDir('tix-pack-');
const home = join(work, 'home');
let installed: Installation;
let env: Env;
let server: ChildProcess | undefined;
let url = '';
/** the command tree of the installed tix: path and aliases of every command */
let tree: Array<{ path: string; aliases: string[] }> = [];
/** the commands that ran and succeeded (exit 0), by their full path */
const succeeded = new Set<string>();

/** The command an argument list runs, by its full path ("ticket list" for `tickets ls --json`). */
function commandPath(args: string[]): string {
  let path = '';
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--profile') {
      i++;
      continue;
    }
    const next = tree.find((c) => {
      const parent = c.path.split(' ').slice(0, -1).join(' ');
      const name = c.path.split(' ').at(-1)!;
      return parent === path && (name === word || c.aliases.includes(word));
    });
    if (!next) break;
    path = next.path;
  }
  return path;
}

/** Runs the installed tix; checks the exit code (0 unless said otherwise) and records what succeeded. */
async function tix(args: string[], opts: { stdin?: string; env?: Env; code?: number } = {}): Promise<Result> {
  const r = await spawnProgram([installed.bin, ...args], { env: { ...env, ...opts.env }, stdin: opts.stdin, timeoutMs: 60_000 });
  expect(r.code, `tix ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(opts.code ?? 0);
  if (r.code === 0) succeeded.add(commandPath(args));
  return r;
}
const agent = (args: string[], opts: { stdin?: string; code?: number } = {}) => tix(['--profile', 'agent', ...args], opts);

beforeAll(async () => {
  const { tarball } = await pack(work);
  installed = await installGlobally(tarball, join(work, 'prefix'));
  env = {
    HOME: home,
    TIX_CONFIG_DIR: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    PATH: installed.path,
    LANG: 'C.UTF-8',
  };
  const help = await spawnProgram([installed.bin, 'help', '--json'], { env });
  expect(help.code, help.stderr).toBe(0);
  tree = help.json().commands;
  succeeded.add('help');
}, 240_000);

afterAll(async () => {
  if (server?.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the installed package (npm pack, npm install -g)', () => {
  it('installs without running a script, and carries no sources', () => {
    expect(installed.log).not.toMatch(/install-scripts|prepare/);
    expect(existsSync(join(installed.packageDir, 'dist', 'cli.js'))).toBe(true);
    expect(existsSync(join(installed.packageDir, 'src'))).toBe(false);
    expect(existsSync(join(installed.packageDir, 'test'))).toBe(false);
  });

  it('tix --version', async () => {
    expect((await tix(['--version'])).stdout.trim()).toContain(pkg.version);
  });

  it.skipIf(skipUnless(olderNode() !== undefined, olderNodeWanted))('on a Node too old for it, says which Node it needs', async () => {
    const r = await spawnProgram([olderNode()!, join(installed.packageDir, 'bin', 'tix.js'), 'ticket', 'list'], {
      env: { PATH: installed.path, HOME: tempDir('tix-old-node-'), LANG: 'fr_FR.UTF-8' },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tix a besoin de Node\.js 22\.22\+ ou 24\.15\+ ; celui-ci est Node\.js v\d+/);
  });

  it('tix serve --demo (from the installed package, on a free port and a file database)', async () => {
    const db = join(work, 'tix.db');
    server = spawn(installed.bin, ['serve', '--demo', '--port', '0', '--db', db], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      server!.stderr!.on('data', (d) => {
        stderr += d;
        const m = /listening on (\S+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      server!.once('exit', (code) => reject(new Error(`tix serve exited ${code}:\n${stderr}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(db)).toBe(true);
    succeeded.add('serve');
  });

  it('tix auth login / status / token', async () => {
    await tix(['auth', 'login', '--server', url, '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'], {
      stdin: PASSWORD,
    });
    await agent(['auth', 'login', '--server', url, '--email', 'agent@demo.test', '--password-stdin', '--insecure-storage'], {
      stdin: PASSWORD,
    });
    expect((await tix(['auth', 'status', '--json'])).json()).toMatchObject({ user: { email: 'yann@demo.test' } });
    expect((await tix(['auth', 'token'])).stdout.trim()).toMatch(/^\S{20,}$/);
  });

  it('tix version --server, tix help, tix completion', async () => {
    expect((await tix(['version', '--server', '--json'])).json()).toMatchObject({
      client: { version: pkg.version },
      server: { version: pkg.version },
    });
    expect((await tix(['help', 'exit-codes'])).stdout).toMatch(/\b130\b/);
    const bash = (await tix(['completion', 'bash'])).stdout;
    expect(bash).toBe(readFileSync(join(installed.packageDir, 'completions', 'tix.bash'), 'utf8'));
  });

  it('tix config set / get / list / unset', async () => {
    await tix(['config', 'set', 'pager', 'cat']);
    expect((await tix(['config', 'get', 'pager'])).stdout.trim()).toBe('cat');
    expect((await tix(['config', 'list', '--json'])).json()).toMatchObject({ pager: 'cat' });
    await tix(['config', 'unset', 'pager']);
  });

  it('tix establishment list, tix type list / view', async () => {
    const sirets = (await tix(['establishment', 'list', '--json', 'siret'])).json().map((e: { siret: string }) => e.siret);
    expect(sirets.sort()).toEqual([PARIS, LILLE]);
    expect((await tix(['type', 'list', '--json', 'id'])).json()).toContainEqual({ id: 'incident' });
    expect((await tix(['type', 'view', 'incident', '--json'])).json()).toMatchObject({ id: 'incident' });
  });

  it('tix settings list / set', async () => {
    await tix(['settings', 'set', 'mark-read', 'manual']);
    await tix(['settings', 'set', 'language', 'fr']);
    expect((await tix(['settings', 'list', '--json'])).json()).toMatchObject({ markRead: 'manual', language: 'fr' });
  });

  it('tix notification list / set', async () => {
    await tix(['notification', 'set', 'all', '--lang', 'en']);
    expect((await tix(['notification', 'list', '--json', 'level,language'])).json()).toEqual({ level: 'all', language: 'en' });
  });

  let ticket = '';
  const screenshot = join(work, 'screenshot.png');
  const log = join(work, 'server.log');

  it('tix ticket create / list / view', async () => {
    writeFileSync(screenshot, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const created = await tix([
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      PARIS,
      '--summary',
      'Where is the export?',
      '--description',
      'The export button is gone.',
      '--attach',
      screenshot,
      '--json',
      'id,status',
    ]);
    expect(created.json()).toMatchObject({ status: 'sent' });
    ticket = String(created.json().id);
    expect((await tix(['ticket', 'list', '--json', 'id'])).json()).toContainEqual({ id: Number(ticket) });
    const viewed = (await tix(['ticket', 'view', ticket, '--json'])).json();
    expect(viewed.messages[0].attachments).toHaveLength(1);
  });

  it('tix ticket reply, tix inbox, tix ticket read / unread', async () => {
    writeFileSync(log, 'line 1\nline 2\n');
    await agent(['ticket', 'reply', ticket, '--body', 'Here is our log.', '--attach', log]);
    expect((await tix(['inbox', '--json'])).json()).toMatchObject({ items: [{ id: Number(ticket) }] });
    await tix(['ticket', 'read', ticket]);
    expect((await tix(['ticket', 'view', ticket, '--json', 'unread'])).json()).toEqual({ unread: 0 });
    await tix(['ticket', 'unread', ticket]);
    expect((await tix(['ticket', 'view', ticket, '--json', 'unread'])).json()).toEqual({ unread: 1 });
    await tix(['ticket', 'reply', ticket, '--body', 'Thanks, looking.']);
  });

  it('tix ticket subscribe / unsubscribe', async () => {
    expect((await tix(['ticket', 'unsubscribe', ticket, '--json', 'subscribed'])).json()).toEqual({ subscribed: false });
    expect((await tix(['ticket', 'subscribe', ticket, '--json', 'subscribed,receives'])).json()).toEqual({
      subscribed: true,
      receives: true,
    });
  });

  it('tix ticket download (the files, checksums verified)', async () => {
    const out = join(work, 'downloads');
    await tix(['ticket', 'download', ticket, '--output', out]);
    expect(readFileSync(join(out, 'screenshot.png'))).toEqual(readFileSync(screenshot));
    expect(readFileSync(join(out, 'server.log'), 'utf8')).toBe('line 1\nline 2\n');
  });

  it('tix api (GET, and POST with --input FILE)', async () => {
    expect((await tix(['api', `tickets/${ticket}`])).json()).toMatchObject({ id: Number(ticket) });
    const body = join(work, 'new-ticket.json');
    writeFileSync(
      body,
      JSON.stringify({ type: 'question', establishment: LILLE, fields: { summary: 'Filed through tix api', description: 'Raw call.' } }),
    );
    const created = (await tix(['api', '-X', 'POST', 'tickets', '--input', body])).json();
    expect(created).toMatchObject({ status: 'sent', establishment: { siret: LILLE } });
  });

  it('tix ticket watch (exits at the first reply from someone else)', async () => {
    const watch = spawnProgram([installed.bin, 'ticket', 'watch', ticket, '--interval', '1s', '--timeout', '2m', '--exit-on-reply'], {
      env,
      timeoutMs: 150_000,
    });
    let done = false;
    void watch.then(() => (done = true));
    // the watcher's baseline is what it finds when it starts, which this side cannot see: reply until it
    // notices one
    for (let i = 0; i < 30 && !done; i++) {
      await agent(['ticket', 'reply', ticket, '--body', `Any news? (${i + 1})`]);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const r = await watch;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Any news\? \(\d+\)/);
    succeeded.add('ticket watch');
  });

  it('tix ticket resolve / reopen / close', async () => {
    expect((await tix(['ticket', 'resolve', ticket, '--json', 'status'])).json()).toEqual({ status: 'resolved' });
    expect((await tix(['ticket', 'reopen', ticket, '--json', 'status'])).json()).toEqual({ status: 'open' });
    expect((await agent(['ticket', 'close', ticket, '--json', 'status'])).json()).toEqual({ status: 'closed' });
  });

  it('tix contact add / list / edit / remove / apply', async () => {
    const added = await tix([
      'contact',
      'add',
      '--type',
      'technical',
      '--name',
      'Ops team',
      '--email',
      'ops@example.com',
      '--phone',
      '+33 6 12 34 56 78',
      '--json',
      'id',
    ]);
    const id = String(added.json().id);
    await tix(['contact', 'edit', id, '--add-email', 'noc@example.com']);
    expect((await tix(['contact', 'list', '--type', 'technical', '--json', 'name,emails,phone'])).json()).toContainEqual({
      name: 'Ops team',
      emails: ['ops@example.com', 'noc@example.com'],
      phone: '+33612345678',
    });
    await tix(['contact', 'remove', id, '--yes']);
    const file = join(work, 'contacts.json');
    writeFileSync(file, JSON.stringify({ contacts: [{ type: 'accounting', name: 'Compta', emails: ['compta@example.com'] }] }));
    await tix(['contact', 'apply', '-f', file, '--yes']);
    expect((await tix(['contact', 'list', '--json', 'type,name'])).json()).toEqual([{ type: 'accounting', name: 'Compta' }]);
  });

  it('tix token create / list / revoke (and a script using the token)', async () => {
    const created = (await tix(['token', 'create', '--name', 'ci', '--scope', 'tickets:read', '--json', 'id,token'])).json();
    expect((await tix(['token', 'list', '--json', 'id,name'])).json()).toContainEqual({ id: created.id, name: 'ci' });
    const script = { TIX_SERVER: url, TIX_TOKEN: created.token, TIX_CONFIG_DIR: join(work, 'ci-config') };
    expect((await tix(['ticket', 'list', '--json', 'id'], { env: script })).json()).toContainEqual({ id: Number(ticket) });
    await tix(['token', 'revoke', String(created.id)]);
    await tix(['ticket', 'list'], { env: script, code: 4 });
  });

  it('tix auth login --provider jira-sm --email … --service-desk (a provider’s lazily loaded code ships in the package)', async () => {
    const jsm = await startJiraSmStub();
    try {
      const login = ['auth', 'login', '--provider', 'jira-sm', '--server', jsm.url, '--email', 'alice@acme.test', '--with-token'];
      const jira = (args: string[], opts: { stdin?: string; code?: number } = {}) => tix(['--profile', 'jsm', ...args], opts);
      await jira([...login, '--service-desk', 'IT', '--insecure-storage'], { stdin: 'alice-api-token' });
      expect((await jira(['type', 'list', '--json', 'id'])).json()).toEqual([{ id: 'get-it-help' }, { id: 'report-a-problem' }]);
      const filed = (await jira(['ticket', 'create', '--type', 'get-it-help', '--summary', 'Printer jam', '--json', 'ref'])).json();
      expect(filed.ref).toMatch(/^IT-\d+$/);
      jsm.assertNoViolations();
    } finally {
      await jsm.close();
    }
  });

  it('tix auth logout', async () => {
    await tix(['auth', 'logout']);
    await tix(['auth', 'status'], { code: 4 });
  });

  // the provider's code is a chunk of its own, loaded only when a profile uses it: it must ship and load
  it.skipIf(skipUnless(rtInstalled(), RT_REQUIREMENT))(
    'tix auth login --provider rt, then type list, ticket create / view against Request Tracker 5',
    async () => {
      const rt = await startRt();
      const asRt = (args: string[], opts: { stdin?: string } = {}) => tix(['--profile', 'rt', ...args], opts);
      await asRt(['auth', 'login', '--provider', 'rt', '--server', rt.url, '--with-token', '--insecure-storage'], {
        stdin: rt.users.alice.token,
      });
      expect((await asRt(['type', 'list', '--json', 'id'])).json()).toContainEqual({ id: 'questions' });
      const summary = `Installed ${Date.now().toString(36)}`;
      const ref = (
        await asRt(['ticket', 'create', '--type', 'questions', '--summary', summary, '--description', 'From the package', '--json', 'ref'])
      ).json().ref;
      expect((await asRt(['ticket', 'view', ref, '--json', 'summary,createdBy'])).json()).toEqual({
        summary,
        createdBy: { email: 'alice@acme.test', name: 'Alice Martin' },
      });
    },
    RT_START_TIMEOUT,
  );

  it('every command of the tree ran through its success path', () => {
    // a command with subcommands is a group: its subcommands are the commands
    const commands = tree.map((c) => c.path).filter((p) => !tree.some((c) => c.path.startsWith(`${p} `)));
    expect(commands.length).toBeGreaterThan(30);
    const missing = commands.filter((p) => !succeeded.has(p));
    expect(missing.join(', '), 'commands without a scripted success path in test/pack/commands.test.ts').toBe('');
  });
});
