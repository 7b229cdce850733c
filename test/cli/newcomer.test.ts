// Issue 10 part 3, "what a newcomer hit": one test per finding, each asserting the fixed behaviour through the
// built CLI (so that reverting a fix fails its test). One tix server serves the whole file.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, spawnTix, tempDir, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { pendingUploads } from '../helpers/store-facts.ts';

let s: TestServer;
let dir: string;
beforeAll(async () => {
  s = await startTestServer();
  dir = tempDir('tix-newcomer-');
});
afterAll(() => s.close());

const as = async (user: string, extra: Record<string, string> = {}) =>
  isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor(`${user}@demo.test`), NO_COLOR: '1', ...extra });
const agentSays = async (id: number, body: string) =>
  s.api('POST', `/tickets/${id}/messages`, { token: await s.tokenFor('agent@demo.test'), body: { body } });
const messagesOf = async (id: number) =>
  (await tix(['ticket', 'view', String(id), '--no-mark-read', '--json', 'messages'], { env: await as('yann') })).json().messages as Array<{
    body: string;
    attachments: Array<{ name: string }>;
  }>;

/** Files a question (Yann, at a Lille or Paris establishment) and returns its id. */
async function question(summary: string, siret: string = est.lille.siret, extra: string[] = []): Promise<number> {
  const r = await tix(
    [
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      siret,
      '--summary',
      summary,
      '--description',
      'd',
      ...extra,
      '--json',
      'id',
    ],
    { env: await as('yann') },
  );
  expect(r.code, r.stderr).toBe(0);
  return r.json().id;
}

/** A file in the test's directory. */
function file(name: string, content: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Runs `tix ticket watch …` as a process and calls `then` once it says it waits (it has read what stands). */
async function watchWhile(args: string[], env: Record<string, string | undefined>, waiting: RegExp, then: () => Promise<unknown>) {
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const watching = spawnTix(['ticket', 'watch', ...args], {
    env,
    timeoutMs: 60_000,
    onStderr: (all) => waiting.test(all) && started(),
  });
  await Promise.race([ready, watching]);
  await then();
  return watching;
}

describe('tix ticket watch --timeout (#1, #1b)', () => {
  it('#1 watch ID --timeout exits 0 when a reply came during the wait, and 8 only when nothing came', async () => {
    const id = await question('Watched until the timeout');
    const env = await as('sarah');
    const r = await watchWhile(['--interval', '1s', '--timeout', '15s', String(id)], env, /waiting for replies/, () =>
      agentSays(id, 'An answer before the timeout'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/── Alex Support \(support\) · .*\nAn answer before the timeout/);
    expect(r.stderr).toMatch(/✓ 1 new message within 15s/);
    expect(r.stderr).not.toMatch(/no new reply/);

    const quiet = await spawnTix(['ticket', 'watch', String(id), '--interval', '1s', '--timeout', '2s'], { env, timeoutMs: 30_000 });
    expect(quiet.code).toBe(8);
    expect(quiet.stderr).toMatch(new RegExp(`error: no new reply on #${id} within 2s`));
    expect(quiet.errorJson()).toMatchObject({ code: 'watch_timeout', exitCode: 8 });
    expect(quiet.stdout).toBe('');
  }, 90_000);

  it('#1b watch without ID (inbox mode) --timeout exits 0 when a message came during the wait, and 8 only when nothing came', async () => {
    const id = await question('Inbox watched until the timeout');
    const env = await as('sarah');
    const r = await watchWhile(['--interval', '1s', '--timeout', '15s'], env, /waiting for new messages/, () =>
      agentSays(id, 'An answer in the inbox'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`#${id} Inbox watched until the timeout \\(École Lille\\): 1 new message · tix ticket view ${id}`));
    expect(r.stderr).toMatch(/✓ 1 new message within 15s/);

    const quiet = await spawnTix(['ticket', 'watch', '--interval', '1s', '--timeout', '2s'], { env, timeoutMs: 30_000 });
    expect(quiet.code).toBe(8);
    expect(quiet.stderr).toMatch(/error: no new message in the inbox within 2s/);
    expect(quiet.stdout).toBe('');
  }, 90_000);
});

describe('the editor (#2)', () => {
  it('#2 the editor keeps lines starting with # ("#2 is the same problem" is stored whole)', async () => {
    const id = await question('Editor with a hash line');
    // an editor that writes the reply above the template, as a person would
    const editor = join(dir, 'hash-editor.sh');
    writeFileSync(
      editor,
      '#!/bin/sh\nprintf "#2 is the same problem as this one.\\nSecond line\\n" > "$1.new"; cat "$1" >> "$1.new"; mv "$1.new" "$1"\n',
    );
    chmodSync(editor, 0o755);
    const r = await tix(['ticket', 'reply', String(id)], { env: await as('yann', { EDITOR: editor }), tty: true });
    expect(r.code, r.stderr).toBe(0);
    expect((await messagesOf(id)).at(-1)!.body).toBe('#2 is the same problem as this one.\nSecond line');
  });
});

describe('tix ticket list on a narrow terminal (#3)', () => {
  it('#3 on an 80-column terminal, ticket list rows never wrap, no blank line after the header, the summary keeps its room', async () => {
    await question('A first ticket with a summary long enough to be cut', est.lille.siret);
    await question('A second one, so that the table has rows to wrap', est.lille.siret);
    await question('The payroll export to the accounting software fails every month', est.paris.siret);
    const r = await tix(['ticket', 'list', '--limit', '3'], { env: await as('yann', { COLUMNS: '80' }), tty: true });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.replace(/\n$/, '').split('\n');
    // one header and one line per ticket: nothing wrapped, nothing blank
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+TYPE\s+SUMMARY\s+ESTABLIS\S*\s+CREATOR\s+UPDATED$/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^#\d+\s{2}\S/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    // the summary is cut last: it keeps more room than the establishment and the creator
    const cells = lines[1]!.split(/\s{2,}/);
    expect(cells).toEqual([
      expect.stringMatching(/^#\d+$/),
      'sent',
      'question',
      expect.stringMatching(/^The payroll export to [^…]*…$/),
      expect.stringMatching(/^École P[^…]*…$/),
      expect.stringMatching(/^Yann Le [^…]*…$/),
      expect.stringMatching(/^now$|ago$/),
    ]);
    expect(cells[3]!.length).toBeGreaterThan(cells[4]!.length + 10);
  });
});

describe('attachments and dry runs (#9b, #9c)', () => {
  it('#9b --attach a.pdf,b.bin attaches both files', async () => {
    const a = file('comma/a.pdf', '%PDF-1.4 a');
    const b = file('comma/b.bin', 'binary b');
    const id = await question('Two files by comma', est.lille.siret, ['--attach', `${a},${b}`]);
    expect((await messagesOf(id))[0]!.attachments.map((x) => x.name)).toEqual(['a.pdf', 'b.bin']);
  });

  it('#9c ticket reply --dry-run prints the reply and sends nothing, not even the files', async () => {
    const id = await question('Dry reply');
    const a = file('dry/a.pdf', '%PDF-1.4 dry');
    const uploads = await pendingUploads(s.store, 'yann@demo.test');
    const r = await tix(['ticket', 'reply', String(id), '--body', 'hello', '--attach', a, '--dry-run'], { env: await as('yann') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ ticket: String(id), body: 'hello', attachments: [{ path: a, name: 'a.pdf' }] });
    expect(r.stderr).toMatch(/dry run: nothing was sent/);
    expect((await messagesOf(id)).map((m) => m.body)).toEqual(['d']);
    expect(await pendingUploads(s.store, 'yann@demo.test')).toBe(uploads);
  });
});

describe('choosing an establishment and a type (#9d, #9e)', () => {
  it('#9d --establishment takes a unique name; an unknown name lists the user’s establishments', async () => {
    const env = await as('yann');
    const byName = await tix(
      [
        'ticket',
        'create',
        '--type',
        'question',
        '--establishment',
        'Lille',
        '--summary',
        'By name',
        '--description',
        'd',
        '--json',
        'establishment',
      ],
      { env },
    );
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.json()).toEqual({ establishment: { siret: est.lille.siret, name: 'École Lille' } });

    const unknown = await tix(
      ['ticket', 'create', '--type', 'question', '--establishment', 'Lyon', '--summary', 'x', '--description', 'd'],
      {
        env,
      },
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `--establishment: no establishment of yours is named "Lyon"; your establishments: ${est.lille.siret} (École Lille), ${est.paris.siret} (École Paris)`,
    );
    const ambiguous = await tix(
      ['ticket', 'create', '--type', 'question', '--establishment', 'école', '--summary', 'x', '--description', 'd'],
      {
        env,
      },
    );
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/"école" names several of your establishments: .*; give the SIRET/);
  });

  it('#9e --type incidnet suggests incident, in English and French; the text and the JSON line name the same fields', async () => {
    const args = ['ticket', 'create', '--type', 'incidnet', '--summary', 's', '--description', 'd'];
    const en = await tix(args, { env: await as('yann') });
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/^error: --type: unknown request type "incidnet"; did you mean incident\? \(every type: tix type list\)\n/);
    const json = en.errorJson();
    expect(json).toMatchObject({
      code: 'usage',
      exitCode: 2,
      message: '--type: unknown request type "incidnet"; did you mean incident? (every type: tix type list)',
    });
    // Yann has two establishments and gave none: both problems, in the text as in the JSON line
    expect(json.fields.map((f: { field: string }) => f.field).sort()).toEqual(['--establishment', '--type']);
    expect(en.stderr).toContain(`--establishment: is required: one of ${est.lille.siret} (École Lille), ${est.paris.siret} (École Paris)`);

    const fr = await tix(args, { env: await as('yann', { LANG: 'fr_FR.UTF-8' }) });
    expect(fr.stderr).toMatch(/^erreur : --type : type de demande « incidnet » inconnu ; vouliez-vous dire incident \?/);
    expect(fr.errorJson()).toEqual(json);
  });
});

describe('files, help and filters (#9h, #9i, #9j, #9n)', () => {
  it('#9h a missing --description-file or --attach is said in words, without ENOENT', async () => {
    const env = await as('sarah');
    const description = await tix(
      ['ticket', 'create', '--type', 'question', '--summary', 'x', '--description-file', join(dir, 'nope.txt')],
      { env },
    );
    expect(description.code).toBe(2);
    expect(description.stderr).toMatch(new RegExp(`^error: --description-file: there is no file ${join(dir, 'nope.txt')}\\n`));
    const attach = await tix(
      ['ticket', 'create', '--type', 'question', '--summary', 'x', '--description', 'd', '--attach', join(dir, 'nope.pdf')],
      { env },
    );
    expect(attach.code).toBe(2);
    expect(attach.stderr).toContain(`attachments: ${join(dir, 'nope.pdf')}: no such file`);
    for (const r of [description, attach]) expect(r.stderr).not.toMatch(/ENOENT/);
  });

  it('#9i --help never shows (default: [])', async () => {
    // each command with a repeatable flag (an empty list by default), and the flag
    for (const [command, flag] of [
      ['ticket create', '--attach <file>'],
      ['ticket reply', '--attach <file>'],
      ['ticket list', '--status <'],
      ['contact add', '--email <address>'],
      ['contact edit', '--add-email <address>'],
      ['api', '--header <header>'],
    ] as const) {
      const r = await tix([...command.split(' '), '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toContain(flag);
      expect(r.stdout, command).not.toMatch(/\(default: (\[\]|false)\)/);
    }
    // a default worth saying is still said
    expect((await tix(['ticket', 'list', '--help'])).stdout).toMatch(/\(default: 30\)/);
  });

  it('#9j --author notanemail is refused with a clear error (exit 2), saying once that it is no e-mail address', async () => {
    const r = await tix(['ticket', 'list', '--author', 'notanemail', '--json'], { env: await as('sarah') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^error: --author: "notanemail" is not an e-mail address \(e\.g\. support@example\.com\), so no ticket can match it\n/,
    );
    expect(r.stderr.match(/e-mail address/g)).toHaveLength(2); // the text line and the JSON line, once each
  });

  it('#9n --from-json resolves attachment paths relative to the JSON file', async () => {
    file('from-json/sub/shot.txt', 'next to the JSON file');
    const request = file(
      'from-json/sub/request.json',
      JSON.stringify({
        type: 'question',
        establishment: est.lille.siret,
        fields: { summary: 'Relative', description: 'd' },
        attachments: ['shot.txt'],
      }),
    );
    // the working directory (the repository) has no shot.txt: resolved from there, the request would be refused
    const r = await tix(['ticket', 'create', '--from-json', request, '--json', 'id'], { env: await as('yann') });
    expect(r.code, r.stderr).toBe(0);
    expect((await messagesOf(r.json().id))[0]!.attachments.map((a) => a.name)).toEqual(['shot.txt']);
    const dry = await tix(['ticket', 'create', '--from-json', request, '--dry-run'], { env: await as('yann') });
    expect(dry.json().attachments).toEqual([{ path: join(dir, 'from-json/sub/shot.txt'), name: 'shot.txt' }]);
  });
});

describe('closed tickets (#9o)', () => {
  it('#9o a closed ticket’s hint and view name its existing follow-up (#N)', async () => {
    const env = await as('yann');
    const id = await question('Closed then followed up');
    await s.api('POST', `/tickets/${id}/close`, { token: await s.tokenFor('agent@demo.test') });
    const follow = await tix(['ticket', 'create', '--follow-up', String(id), '--description', 'Again', '--json', 'id'], { env });
    expect(follow.code, follow.stderr).toBe(0);
    const next = follow.json().id as number;

    const refused = await tix(['ticket', 'reply', String(id), '--body', 'late'], { env });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^error: ticket #${id} is closed and takes no more replies\\nhint: it was followed up by #${next}: reply there \\(tix ticket reply ${next}\\)\\n`,
      ),
    );
    expect(refused.errorJson()).toMatchObject({ code: 'ticket_closed', followUps: [String(next)] });
    const french = await tix(['ticket', 'reply', String(id), '--body', 'late'], { env: await as('yann', { LANG: 'fr_FR.UTF-8' }) });
    expect(french.stderr).toMatch(new RegExp(`elle a déjà une suite : #${next} ; répondez-y \\(tix ticket reply ${next}\\)`));

    const view = await tix(['ticket', 'view', String(id)], { env });
    expect(view.stdout).toMatch(new RegExp(`This ticket is closed; it was followed up by #${next}: tix ticket view ${next}\\n?$`));
  });
});

describe('a revoked token and piped output (#9q, #9p)', () => {
  it('#9q ticket list --json with a revoked token prints nothing on stdout and exits 4', async () => {
    const token = (await s.api('POST', '/auth/login', { body: { email: 'sarah@demo.test', password: 'demo-password' } })).body.token;
    await s.api('POST', '/auth/logout', { token });
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: token });
    for (const args of [
      ['ticket', 'list', '--json'],
      ['ticket', 'list', '--all', '--json'],
      ['ticket', 'list', '--ndjson'],
      ['inbox', '--json'],
    ]) {
      const r = await tix(args, { env });
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr).toMatch(/TIX_TOKEN was revoked/);
    }
  });

  it('#9p piped inbox --by establishment: the group key first, then the documented columns, without the SIRET again', async () => {
    const id = await question('Piped inbox row', est.paris.siret);
    await agentSays(id, 'An answer to read');
    const r = await tix(['inbox', '--by', 'establishment', '--all'], { env: await as('yann') });
    expect(r.code, r.stderr).toBe(0);
    const row = r.stdout.split('\n').find((l) => l.split('\t')[1] === String(id));
    expect(row, r.stdout).toBeDefined();
    // README: the group's key, then id, unread, status, type, summary, updated; the establishment column left out
    expect(row!.split('\t')).toEqual([
      est.paris.siret,
      String(id),
      '1',
      'answered',
      'question',
      'Piped inbox row',
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    ]);
    const byType = await tix(['inbox', '--by', 'type', '--all'], { env: await as('yann') });
    const typeRow = byType.stdout.split('\n').find((l) => l.split('\t')[1] === String(id));
    expect(typeRow!.split('\t')).toEqual([
      'question',
      String(id),
      '1',
      'answered',
      'Piped inbox row',
      est.paris.siret,
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    ]);
  });
});

describe('tix ticket download --output (review finding 4)', () => {
  it('--output through a file is a usage error naming --output and the file in the way, not a bug in tix', async () => {
    const a = file('download/evidence.txt', 'evidence');
    const id = await question('Download into a file', est.lille.siret, ['--attach', a]);
    const blocker = file('download/afile', 'a file, not a directory');
    const env = await as('yann');
    for (const output of [join(blocker, 'x'), blocker]) {
      const r = await tix(['ticket', 'download', String(id), '--output', output], { env });
      expect(r.code, output).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: --output: cannot create the directory ${output}: ${blocker} is a file\\n`));
      expect(r.stderr).not.toMatch(/ENOTDIR|EEXIST|a bug in tix/);
      expect(r.errorJson()).toMatchObject({ code: 'usage', exitCode: 2 });
    }
    const french = await tix(['ticket', 'download', String(id), '--output', join(blocker, 'x')], {
      env: await as('yann', { LANG: 'fr_FR.UTF-8' }),
    });
    expect(french.stderr).toMatch(
      new RegExp(`^erreur : --output : impossible de créer le dossier ${join(blocker, 'x')} : ${blocker} est un fichier\\n`),
    );
    // a filesystem that refuses new directories: said at once (Node's recursive mkdir spins for ever there)
    const proc = await tix(['ticket', 'download', String(id), '--output', '/proc/tix-nope/x'], { env });
    expect(proc.code).toBe(2);
    expect(proc.stderr).toMatch(/^error: --output: cannot create the directory \/proc\/tix-nope\/x: \/proc does not take new folders\n/);
  });
});
