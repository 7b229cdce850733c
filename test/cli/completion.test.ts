import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/io/iostreams.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, repoRoot, spawnTix, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { available, bashComplete, fishComplete, tixShim, zshComplete, type Completed } from '../helpers/shells.ts';
import { skipUnless } from '../helpers/strict.ts';
import { closedPort, startStub } from '../helpers/stub.ts';

let s: TestServer;
let online: Env;
let offline: Env;
const ids: number[] = [];
beforeAll(async () => {
  s = await startTestServer();
  const token = await s.tokenFor('yann@demo.test');
  for (const summary of ['Payroll export: wrong totals', 'Add a dark theme']) {
    const r = await s.api('POST', '/tickets', {
      token,
      body: { type: 'question', establishment: est.paris.siret, fields: { summary, description: 'details' } },
    });
    ids.push(r.body.id);
  }
  const path = `${tixShim()}:${process.env.PATH}`;
  online = isolatedEnv({ PATH: path, TIX_SERVER: s.url, TIX_TOKEN: token });
  offline = isolatedEnv({ PATH: path, TIX_SERVER: `http://127.0.0.1:${await closedPort()}`, TIX_TOKEN: token });
});
afterAll(() => s.close());

const shells = ['bash', 'zsh', 'fish'] as const;

describe('tix completion SHELL', () => {
  it.each(shells)(
    '%s: the committed completions/ file is what the command prints (run npm run completions when this fails)',
    async (shell) => {
      const r = await tix(['completion', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout, `completions/tix.${shell} is stale: run npm run completions`).toBe(
        readFileSync(join(repoRoot, 'completions', `tix.${shell}`), 'utf8'),
      );
    },
  );

  it('refuses another shell, naming the ones it knows (exit 2)', async () => {
    const r = await tix(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh, fish/);
  });

  it('is generated from the whole tree, whatever the arguments select', async () => {
    const r = await tix(['--profile', 'x', 'completion', 'bash']);
    // statuses depend on the profile's helpdesk: asked of tix __complete statuses
    expect(r.stdout).toContain("'ticket list/--status') _tix_dynamic statuses");
    expect(r.stdout).toContain("'config set/#2')");
    expect(r.stdout).not.toContain('__complete)');
  });
});

describe('tix __complete (what the scripts ask for)', () => {
  it('prints recent ticket ids with their summaries, and request types', async () => {
    const r = await tix(['__complete', 'ticket-ids'], { env: online });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${ids[0]}\tPayroll export: wrong totals (sent)\n`);
    const types = await tix(['__complete', 'types'], { env: online });
    expect(types.stdout).toMatch(/^incident\t.+$/m);
  });

  it("prints the profile's statuses with their categories, then the categories, without asking the server", async () => {
    const r = await tix(['__complete', 'statuses'], { env: offline });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'sent\tnew',
      'answered\twaiting',
      'open\topen',
      'resolved\tresolved',
      'closed\tclosed',
      'new\tany new status: nobody has answered yet',
      'waiting\tany waiting status: waiting on the customer',
    ]);
  });

  it('prints the saved profiles', async () => {
    const env = isolatedEnv();
    await tix(['auth', 'login', '--server', s.url, '--email', 'sarah@demo.test', '--password-stdin', '--insecure-storage'], {
      env,
      stdin: 'demo-password',
    });
    const r = await tix(['__complete', 'profiles'], { env });
    expect(r.stdout).toBe(`default\tsarah@demo.test on ${s.url}\n`);
  });

  it('prints nothing and exits 0 when offline, logged out, or facing a server that never answers', async () => {
    for (const env of [offline, isolatedEnv()]) {
      const r = await tix(['__complete', 'ticket-ids'], { env });
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    const silent = await startStub(() => undefined);
    try {
      // the server never answers: tix giving up on its own (QUICK_HTTP's short timeouts) is what lets this end;
      // how fast is a benchmark's question, not a test's
      const r = await spawnTix(['__complete', 'ticket-ids'], { env: { ...online, TIX_SERVER: silent.url } });
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    } finally {
      await silent.close();
    }
  });
});

// The same questions to each shell. zsh runs its lines in one interactive session: compinit is slow to start.
type Ask = (lines: string[], env: Env) => Promise<Completed[]>;
const ask: Record<(typeof shells)[number], Ask> = {
  bash: (lines, env) => Promise.all(lines.map((l) => bashComplete(l, env))),
  zsh: zshComplete,
  fish: (lines, env) => Promise.all(lines.map((l) => fishComplete(l, env))),
};

describe.each(shells)('completion in real %s', (shell) => {
  const skip = skipUnless(available[shell], shell);

  it.skipIf(skip)('completes nouns, verbs (through aliases), flags and their values', async () => {
    const [nouns, tic, verbs, st, flags, status, keys, color, scope] = (
      await ask[shell](
        [
          'tix ',
          'tix tic',
          'tix ticket ',
          'tix tickets ls --st',
          'tix ticket list --',
          'tix ticket list --status ',
          'tix config set ',
          'tix config set color ',
          'tix token create --scope tickets:r',
        ],
        online,
      )
    ).map((r) => r.candidates);
    expect(nouns).toEqual(
      expect.arrayContaining([
        'ticket',
        'type',
        'token',
        'auth',
        'establishment',
        'config',
        'api',
        'completion',
        'help',
        'version',
        'serve',
        'notification',
      ]),
    );
    expect(nouns).not.toContain('__complete');
    expect(tic).toEqual(['ticket']);
    expect(verbs!.sort()).toEqual([
      'close',
      'create',
      'download',
      'list',
      'read',
      'reopen',
      'reply',
      'resolve',
      'subscribe',
      'unread',
      'unsubscribe',
      'view',
      'watch',
    ]);
    expect(st).toEqual(['--status']);
    expect(flags).toEqual(expect.arrayContaining(['--status', '--type', '--mine', '--json', '--limit', '--profile', '--help']));
    // tix serve's five statuses, and the categories every helpdesk shares
    expect(status!.sort()).toEqual(['answered', 'closed', 'new', 'open', 'resolved', 'sent', 'waiting']);
    expect(keys!.sort()).toEqual(['color', 'editor', 'lang', 'output', 'pager', 'profile']);
    expect(color!.sort()).toEqual(['always', 'auto', 'never']);
    // bash hands back the part after the ':' word break; the others complete the whole word
    expect(scope).toEqual([shell === 'bash' ? 'read' : 'tickets:read']);
  });

  it.skipIf(skip)('completes ticket ids and request types from the server, through tix __complete', async () => {
    const [view, close, type, more] = (
      await ask[shell](['tix ticket view ', 'tix ticket close ', 'tix ticket create --type inc', 'tix ticket list --status open '], online)
    ).map((r) => r.candidates);
    expect(view!.sort()).toEqual(ids.map(String).sort());
    expect(close!.sort()).toEqual(ids.map(String).sort());
    expect(type).toEqual(['incident']);
    // --status takes several values: the next word is a status too
    expect(more).toEqual(expect.arrayContaining(['answered', 'closed']));
  });

  it.skipIf(skip)('offers nothing, prints nothing and answers at once when the server is unreachable', async () => {
    const [view] = await ask[shell](['tix ticket view '], offline);
    expect(view!.candidates).toEqual([]);
    expect(view!.stderr).not.toMatch(/error|tix/i);
  });
});
