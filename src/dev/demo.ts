// `npm run demo`: the main job, end to end, with the real binary against a real `tix serve --demo` on a free
// port, a throw-away database and a throw-away config dir. Prints each command and what it printed; exits
// non-zero as soon as a step does not end the way it should.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../auth/config.ts';
import { resolveLocale, type Locale } from '../core/i18n.ts';
import { t } from './messages.ts';

const bin = fileURLToPath(new URL('../../bin/tix.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tix-demo-'));
// the reader's language, by the CLI's rules (the person's own config included), read before the demo swaps in a
// throw-away config dir; passed on to every tix it runs, so narration and commands speak the same language
const l: Locale = resolveLocale(process.env, configuredLang());
function configuredLang(): string | undefined {
  try {
    return readConfig(process.env).lang;
  } catch {
    return undefined;
  }
}
const baseEnv: Record<string, string> = {
  ...(process.env as Record<string, string>),
  TIX_CONFIG_DIR: join(work, 'config'),
  XDG_DATA_HOME: join(work, 'data'),
  TIX_SERVER: '',
  TIX_TOKEN: '',
  TIX_PROFILE: '',
  TIX_LANG: l,
  // the demo's output is read by people: keep it in colour when the terminal is one
  ...(process.stdout.isTTY ? { CLICOLOR_FORCE: '1' } : {}),
};
delete baseEnv.TIX_SERVER;
delete baseEnv.TIX_TOKEN;
delete baseEnv.TIX_PROFILE;

const dim = (s: string) => (process.stdout.isTTY ? `\u001b[2m${s}\u001b[22m` : s);
const bold = (s: string) => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[22m` : s);

function section(title: string): void {
  process.stdout.write(`\n${bold(`## ${title}`)}\n`);
}

/** Runs `tix ARGS` and shows it; fails the demo when the exit code is not the expected one. */
function tix(args: string[], opts: { stdin?: string; expect?: number; show?: string; env?: Record<string, string> } = {}): string {
  const shown = opts.show ?? `tix ${args.map((a) => (/[\s"'$]/.test(a) ? `'${a}'` : a)).join(' ')}`;
  process.stdout.write(`\n${bold('$')} ${shown}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...baseEnv, ...opts.env }, input: opts.stdin ?? '', encoding: 'utf8' });
  if (r.stdout) process.stdout.write(r.stdout);
  // the JSON error line is for tools; people read the line above it
  if (r.stderr)
    process.stdout.write(
      dim(
        r.stderr
          .split('\n')
          .filter((l) => !l.startsWith('{"error"'))
          .join('\n'),
      ),
    );
  const expected = opts.expect ?? 0;
  if (r.status !== expected) {
    process.stdout.write(`\n${t(l, 'failedStep', { expected, code: String(r.status) })}\n`);
    throw new Error(t(l, 'stepFailed', { step: shown }));
  }
  if (expected !== 0) process.stdout.write(dim(`${t(l, 'asExpected', { code: String(r.status) })}\n`));
  return r.stdout;
}

async function startServer(smtp: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const serveArgs = ['serve', '--port', '0', '--db', join(work, 'tix.db'), '--demo', '--mail-from', 'Support tix <support@tix.test>'];
  // the mail catcher's URL through the environment, as an operator would give one with a password
  const child = spawn(process.execPath, [bin, ...serveArgs], {
    env: { ...baseEnv, TIX_SMTP_URL: smtp },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /listening on (\S+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`tix serve exited with ${code}:\n${stderr}`)));
  });
  process.stdout.write(
    `${bold('$')} TIX_SMTP_URL=${smtp} tix ${serveArgs.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')} &\n${dim(stderr)}`,
  );
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * The mail catcher (src/dev/mail-catcher.ts), a real SMTP server on a free port, in a process of its own: the demo
 * runs each command synchronously, and an SMTP server must answer meanwhile.
 */
async function startCatcher(): Promise<{ url: string; mails: CaughtMail[]; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./mail-catcher.ts', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const mails: CaughtMail[] = [];
  let buffered = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const item = JSON.parse(line);
        if (item.url) resolve(item.url);
        else mails.push(item);
      }
    });
    child.on('exit', (code) => reject(new Error(`the mail catcher exited with ${code}`)));
  });
  return { url, mails, stop: () => child.kill('SIGTERM') };
}

/** Waits until the server has sent everything (no new mail for 3 s), at most a minute. */
async function settled(mails: CaughtMail[]): Promise<void> {
  let seen = -1;
  for (let i = 0; i < 20 && seen !== mails.length; i++) {
    seen = mails.length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

// every notification the story causes lands in the catcher
const catcher = await startCatcher();
process.stdout.write(dim(`${t(l, 'catcher', { url: catcher.url })}\n`));
const server = await startServer(catcher.url);
let failed = false;
try {
  const login = (email: string, profile?: string) =>
    tix(
      [
        ...(profile ? ['--profile', profile] : []),
        'auth',
        'login',
        '--server',
        server.url,
        '--email',
        email,
        '--password-stdin',
        '--insecure-storage',
      ],
      {
        stdin: 'demo-password\n',
        show: `echo demo-password | tix ${profile ? `--profile ${profile} ` : ''}auth login --server ${server.url} --email ${email} --password-stdin --insecure-storage`,
      },
    );

  section(t(l, 'section.login'));
  process.stdout.write(dim(`${t(l, 'insecureStorage')}\n`));
  login('yann@demo.test');
  tix(['auth', 'status']);
  tix(['establishment', 'list']);
  tix(['establishment', 'list', '--json', 'siret,name']);

  section(t(l, 'section.sarahScope'));
  login('sarah@demo.test', 'sarah');
  tix(['--profile', 'sarah', 'establishment', 'list']);

  section(t(l, 'section.eve'));
  login('eve@demo.test', 'eve');
  tix(['--profile', 'eve', 'establishment', 'list'], { expect: 4 });

  login('agent@demo.test', 'agent');

  section(t(l, 'section.incident'));
  const incident = JSON.parse(
    tix([
      'ticket',
      'create',
      '--type',
      'incident',
      '--establishment',
      '81234567600017',
      '--summary',
      'Payroll export fails with a 500',
      '--description',
      'Since this morning the November export stops with "Internal error".',
      '--field',
      'severity=high',
      '--field',
      'url=https://app.example.com/payroll/export',
      '--json',
      'id,status,url',
    ]),
  ) as { id: number };
  const id = String(incident.id);

  section(t(l, 'section.question'));
  const question = String(
    (
      JSON.parse(
        tix([
          '--profile',
          'sarah',
          'ticket',
          'create',
          '--type',
          'billing-question',
          '--summary',
          'Where is the October invoice?',
          '--description',
          'It is not in the invoices page.',
          '--json',
          'id,status,establishment',
        ]),
      ) as { id: number }
    ).id,
  );

  section(t(l, 'section.supportAnswers'));
  tix([
    '--profile',
    'agent',
    'ticket',
    'reply',
    id,
    '--body',
    'Thanks Yann, we reproduced it. A fix is on its way; we will tell you here.',
  ]);

  section(t(l, 'section.visibility'));
  tix(['--profile', 'sarah', 'ticket', 'list']);
  tix(['ticket', 'list']);
  tix(['--profile', 'sarah', 'ticket', 'view', id], { expect: 3 });

  section(t(l, 'section.yannAnswers'));
  tix(['ticket', 'view', id]);
  tix(['ticket', 'reply', id, '--body', 'Thank you, we will wait for the fix.']);

  section(t(l, 'section.closed'));
  tix(['ticket', 'resolve', id]);
  tix(['--profile', 'agent', 'ticket', 'close', id]);
  tix(['ticket', 'reply', id, '--body', 'It happens again!'], { expect: 5 });
  tix([
    'ticket',
    'create',
    '--follow-up',
    id,
    '--description',
    'It happens again since this morning.',
    '--field',
    'severity=high',
    '--json',
    'id,summary,followUpOf,status',
  ]);

  section(t(l, 'section.inbox'));
  tix([
    '--profile',
    'agent',
    'ticket',
    'reply',
    question,
    '--body',
    'Hello Sarah, it is under Billing > Invoices > 2026. Here is the direct link.',
  ]);
  tix(['--profile', 'sarah', 'inbox', '--by', 'establishment']);
  tix(['--profile', 'sarah', 'ticket', 'view', question]);
  tix(['--profile', 'sarah', 'ticket', 'read', question]);
  tix(['--profile', 'sarah', 'inbox', '--json']);

  section(t(l, 'section.markRead'));
  tix(['--profile', 'sarah', 'settings', 'set', 'mark-read', 'on-open']);
  tix(['--profile', 'sarah', 'settings', 'list']);
  tix(['--profile', 'agent', 'ticket', 'reply', question, '--body', 'PS: the November invoice will be there on the 1st.']);
  tix(['--profile', 'sarah', 'ticket', 'list', '--unread', '--json', 'id,unread']);
  tix(['--profile', 'sarah', 'ticket', 'view', question], { show: `tix --profile sarah ticket view ${question}   # ${t(l, 'marksRead')}` });
  tix(['--profile', 'sarah', 'ticket', 'list', '--unread', '--json', 'id,unread']);

  section(t(l, 'section.contacts'));
  tix([
    '--profile',
    'sarah',
    'contact',
    'add',
    '--type',
    'technical',
    '--name',
    'Équipe technique',
    '--email',
    'technique@ecoles-demo.test',
    '--email',
    'astreinte@ecoles-demo.test',
    '--phone',
    '+33 6 12 34 56 78',
  ]);
  tix(
    [
      '--profile',
      'sarah',
      'contact',
      'add',
      '--type',
      'accounting',
      '--name',
      'Comptabilité',
      '--email',
      'compta@ecoles-demo.test',
      '--phone',
      '01 23 45 67 89',
    ],
    { expect: 2 },
  );
  tix([
    '--profile',
    'sarah',
    'contact',
    'add',
    '--type',
    'accounting',
    '--name',
    'Comptabilité',
    '--email',
    'compta@ecoles-demo.test',
    '--phone',
    '+33 1 23 45 67 89',
  ]);
  tix(['contact', 'list']);

  section(t(l, 'section.notifications'));
  tix(['--profile', 'sarah', 'notification', 'set', 'all', '--lang', 'fr']);
  tix(['notification', 'list']);
  tix(['ticket', 'unsubscribe', question]);
  tix(['--profile', 'agent', 'ticket', 'reply', question, '--body', 'The invoice is now in your space.']);

  section(t(l, 'section.token'));
  const pat = tix(['token', 'create', '--name', 'ci-demo', '--expires-in', '1d']).trim();
  tix(['ticket', 'list', '--mine', '--json', 'id,status,summary'], {
    env: { TIX_TOKEN: pat, TIX_SERVER: server.url },
    show: 'TIX_TOKEN=tixp_… tix ticket list --mine --json id,status,summary',
  });

  section(t(l, 'section.logout'));
  tix(['auth', 'logout']);
  tix(['auth', 'status'], { expect: 4 });

  section(t(l, 'section.mails'));
  await settled(catcher.mails);
  for (const m of catcher.mails) process.stdout.write(`${m.to.join(', ').padEnd(28)} ${m.subject}\n`);
  const sample = catcher.mails.find((m) => m.to.includes('yann@demo.test'));
  if (!sample) throw new Error(t(l, 'noMail'));
  process.stdout.write(`\n${bold(t(l, 'oneMail', { subject: sample.subject }))}\n${dim(sample.text)}`);
  process.stdout.write(`\n${bold(t(l, 'finished'))} ${t(l, 'allGood')}\n`);
} catch (err) {
  failed = true;
  process.stderr.write(`${(err as Error).message}\n`);
} finally {
  await server.stop();
  catcher.stop();
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
