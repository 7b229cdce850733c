import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog, type FieldSpec } from '../../src/core/catalog.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, spawnTix, tempDir, tix } from '../helpers/cli.ts';
import { bulkTickets, startTestServer, type TestServer } from '../helpers/server.ts';
import { allTickets, pendingUploads } from '../helpers/store-facts.ts';

let s: TestServer;
let dir: string;
beforeAll(async () => {
  s = await startTestServer();
  dir = tempDir();
});
afterAll(() => s.close());

const as = async (user: string, extra: Record<string, string> = {}) =>
  isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor(`${user}@demo.test`), ...extra });
const count = async () => (await allTickets(s.store)).length;

/** Flags that satisfy a type's required fields. */
function requiredFlags(fields: FieldSpec[], file: string): string[] {
  return fields
    .filter((f) => f.required)
    .flatMap((f) => {
      switch (f.kind) {
        case 'attachments':
          return ['--attach', file];
        case 'choice':
          return ['--field', `${f.id}=${f.choices![0]!.value}`];
        case 'boolean':
          return ['--field', `${f.id}=yes`];
        case 'urls':
          return ['--field', `${f.id}=https://app.example.com/employees/1`, '--field', `${f.id}=https://app.example.com/employees/2`];
        case 'date':
          return ['--field', `${f.id}=2099-01-31`];
        case 'url':
          return ['--field', `${f.id}=https://api.example.com/v1`];
        default:
          return f.id === 'summary'
            ? ['--summary', `A ${f.id} for testing`]
            : f.id === 'description'
              ? ['--description', 'Details of the request']
              : ['--field', `${f.id}=some text`];
      }
    });
}

describe('tix ticket create (scripts)', () => {
  it('files every type of the catalog from flags alone', async () => {
    const file = join(dir, 'card.pdf');
    writeFileSync(file, '%PDF-1.4 tax card');
    const env = await as('yann');
    for (const type of defaultCatalog.types) {
      const r = await tix(
        [
          'ticket',
          'create',
          '--type',
          type.id,
          '--establishment',
          est.paris.siret,
          ...requiredFlags(type.fields, file),
          '--json',
          'id,type,status,fields',
        ],
        { env },
      );
      expect(r.code, `${type.id}: ${r.stderr}`).toBe(0);
      expect(r.json()).toMatchObject({ type: type.id, status: 'sent' });
      if (type.id === 'user-deletion')
        expect(r.json().fields.employeeUrls).toEqual(['https://app.example.com/employees/1', 'https://app.example.com/employees/2']);
    }
  });

  it('prints the URL on stdout and a confirmation on stderr', async () => {
    const r = await tix(['ticket', 'create', '--type', 'question', '--summary', 'How to export?', '--description', 'Where is export?'], {
      env: await as('sarah'),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${s.url}/tickets/\\d+\\n$`));
    expect(r.stderr).toMatch(/✓ Filed ticket #\d+: How to export\? \(Ask a question, École Lille\)/);
  });

  it('lists every missing required field at once, sending nothing (exit 2)', async () => {
    const before = await count();
    const r = await tix(['ticket', 'create', '--type', 'user-deletion', '--establishment', est.paris.siret, '--summary', 'Delete John'], {
      env: await as('yann'),
    });
    expect(r.code).toBe(2);
    expect(r.errorJson().fields.map((f: { field: string }) => f.field)).toEqual([
      'description',
      'employeeUrls',
      'businessJustification',
      'irreversibleAck',
    ]);
    expect(r.stderr).toContain('irreversibleAck: is required (--field irreversibleAck=true)');
    expect(r.stderr).toContain('hint: every field of the form: tix type view user-deletion');
    expect(await count()).toBe(before);
  });

  it('without --type and without a terminal, says the type is required and lists them', async () => {
    const r = await tix(['ticket', 'create', '--summary', 'x'], { env: await as('sarah') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--type: is required: one of question, ui-translation/);
  });

  it('reports bad values by field, with the way to give them', async () => {
    const r = await tix(
      [
        'ticket',
        'create',
        '--type',
        'api-integration',
        '--summary',
        's',
        '--description',
        'd',
        '--field',
        'endpoint-url=ftp://x',
        '--field',
        'impact=enormous',
        '--field',
        'colour=red',
      ],
      { env: await as('sarah') },
    );
    expect(r.code).toBe(2);
    const fields = Object.fromEntries(r.errorJson().fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    expect(fields).toEqual({
      colour: expect.stringMatching(/not a field of api-integration; its fields are summary, endpointUrl/),
      endpointUrl: 'not an http(s) URL: "ftp://x"',
      impact: 'one of low, medium, high, critical',
    });
  });

  it('refuses an irreversible request unless acknowledged explicitly', async () => {
    const r = await tix(
      [
        'ticket',
        'create',
        '--type',
        'mfa-reset',
        '--summary',
        'Reset MFA',
        '--description',
        'John',
        '--field',
        'employeeUrls=https://a.example/e/1',
        '--field',
        'irreversibleAck=no',
      ],
      { env: await as('sarah') },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/irreversibleAck: must be acknowledged explicitly/);
  });

  it('takes the whole request from --from-json (a file or stdin), flags winning', async () => {
    const file = join(dir, 'shot.png');
    writeFileSync(file, Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'));
    const json = {
      type: 'incident',
      establishment: est.lille.siret,
      fields: { summary: 'From JSON', description: 'Described in JSON', severity: 'low', 'share-with-account-manager': true },
      attachments: [file],
    };
    const path = join(dir, 'request.json');
    writeFileSync(path, JSON.stringify(json));
    const env = await as('yann');
    const fromFile = await tix(
      ['ticket', 'create', '--from-json', path, '--field', 'severity=critical', '--json', 'summary,fields,establishment'],
      { env },
    );
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.json()).toEqual({
      summary: 'From JSON',
      establishment: { siret: est.lille.siret, name: 'École Lille' },
      fields: { severity: 'critical', shareWithAccountManager: true, gdprConsent: false },
    });
    const fromStdin = await tix(['ticket', 'create', '--from-json', '-', '--json', 'id'], {
      env,
      stdin: JSON.stringify({ ...json, attachments: [] }),
    });
    expect(fromStdin.code).toBe(0);
    const bad = await tix(['ticket', 'create', '--from-json', '-'], { env, stdin: '{"type": "incident", "priority": 1}' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown key priority/);
  });

  it('reads the description from a file or stdin', async () => {
    const r = await tix(
      ['ticket', 'create', '--type', 'question', '--summary', 'Piped description', '--description-file', '-', '--json', 'id'],
      { env: await as('sarah'), stdin: 'Line one\nLine two\n' },
    );
    expect(r.code).toBe(0);
    const view = await tix(['ticket', 'view', String(r.json().id), '--json', 'messages'], { env: await as('sarah') });
    expect(view.json().messages[0].body).toBe('Line one\nLine two');
  });

  it('--dry-run prints the request and sends nothing, not even the files', async () => {
    const before = await count();
    const uploads = await pendingUploads(s.store, 'sarah@demo.test');
    const file = join(dir, 'log.txt');
    writeFileSync(file, 'log');
    const r = await tix(
      [
        'ticket',
        'create',
        '--type',
        'incident',
        '--summary',
        'Dry',
        '--description',
        'run',
        '--field',
        'severity=low',
        '--attach',
        file,
        '--dry-run',
      ],
      { env: await as('sarah') },
    );
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      type: 'incident',
      establishment: est.lille.siret,
      fields: { summary: 'Dry', description: 'run', severity: 'low' },
      attachments: [{ path: file, name: 'log.txt' }],
    });
    expect(r.stdout).not.toMatch(/tix[sp]_/);
    expect(await count()).toBe(before);
    expect(await pendingUploads(s.store, 'sarah@demo.test')).toBe(uploads);
  });

  it('checks attachments before uploading anything: a file over 10 MiB is refused with the limit named', async () => {
    const big = join(dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(10 * 1024 * 1024 + 1));
    const uploads = await pendingUploads(s.store, 'sarah@demo.test');
    const r = await tix(
      [
        'ticket',
        'create',
        '--type',
        'question',
        '--summary',
        'Big',
        '--description',
        'file',
        '--attach',
        join(dir, 'log.txt'),
        '--attach',
        big,
      ],
      { env: await as('sarah') },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/big\.bin is 10\.0 MiB; the limit is 10 MiB per file/);
    const missing = await tix(
      ['ticket', 'create', '--type', 'question', '--summary', 'Missing', '--description', 'file', '--attach', join(dir, 'nope.txt')],
      { env: await as('sarah') },
    );
    expect(missing.stderr).toMatch(/nope\.txt: no such file/);
    expect(await pendingUploads(s.store, 'sarah@demo.test')).toBe(uploads);
  });

  it('the same --idempotency-key twice files one ticket and says so', async () => {
    const env = await as('sarah');
    const args = [
      'ticket',
      'create',
      '--type',
      'incident',
      '--summary',
      'Nightly job failed',
      '--description',
      'run 77',
      '--field',
      'severity=medium',
      '--idempotency-key',
      'nightly-77',
    ];
    const first = await tix([...args, '--json', 'id'], { env });
    const second = await tix(args, { env });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(
      new RegExp(`Already done with idempotency key nightly-77 \\(filed ticket #${first.json().id}\\): nothing new was sent`),
    );
    const changed = await tix(
      [
        'ticket',
        'create',
        '--type',
        'incident',
        '--summary',
        'Other',
        '--description',
        'x',
        '--field',
        'severity=low',
        '--idempotency-key',
        'nightly-77',
      ],
      { env },
    );
    expect(changed.code).toBe(5);
    expect(changed.errorJson().code).toBe('idempotency_conflict');
  });

  it('twenty concurrent tix processes with the same idempotency key file one ticket', async () => {
    const env = await as('yann');
    const before = await count();
    const runs = await Promise.all(
      Array.from({ length: 20 }, () =>
        spawnTix(
          [
            'ticket',
            'create',
            '--type',
            'incident',
            '--establishment',
            est.paris.siret,
            '--summary',
            'Deploy 991 failed',
            '--description',
            'pipeline 991',
            '--field',
            'severity=high',
            '--idempotency-key',
            'deploy-991',
            '--json',
            'id',
          ],
          { env, timeoutMs: 60_000 },
        ),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(new Set(runs.map((r) => r.json().id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  }, 120_000); // twenty Node processes on two shared cores: slow under load, never a reason to fail
});

describe('tix ticket list / view', () => {
  it('lists newest activity first, tab-separated in a fixed order when piped', async () => {
    const env = await as('sarah');
    const r = await tix(['ticket', 'list', '--limit', '3'], { env });
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toHaveLength(8);
      expect(row[0]).toMatch(/^\d+$/);
      expect(['sent', 'answered', 'open', 'resolved', 'closed']).toContain(row[1]);
      expect(row[4]).toBe(est.lille.siret);
      expect(row[6]).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    const times = rows.map((row) => row[6]!);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('shows a table with French status labels on a French terminal', async () => {
    const r = await tix(['ticket', 'list', '--limit', '2'], { env: await as('sarah', { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' }), tty: true });
    expect(r.stderr).toBe('Affichage des 2 plus récentes ; davantage avec --limit N ou --all\n');
    expect(r.stdout.split('\n')[0]).toMatch(/^N°\s+STATUT\s+TYPE\s+RÉSUMÉ\s+ÉTABLISSEMENT\s+CRÉÉE PAR\s+MISE À JOUR$/);
    expect(r.stdout).toMatch(/Message envoyé/);
    expect(r.stdout).toMatch(/il y a|maintenant/);
    expect(r.stdout).toMatch(/École Lille/);
  });

  it('filters, and rejects unknown statuses before calling the server', async () => {
    const env = await as('yann');
    const mine = await tix(['ticket', 'list', '--mine', '--type', 'incident', '--json', 'createdBy,type'], { env });
    expect(mine.json().length).toBeGreaterThan(0);
    expect(
      mine
        .json()
        .every((t: { createdBy: { email: string }; type: string }) => t.createdBy.email === 'yann@demo.test' && t.type === 'incident'),
    ).toBe(true);
    const bad = await tix(['ticket', 'list', '--status', 'open,pending'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--status: unknown pending; statuses of tix serve: sent, answered, open, resolved, closed; categories: new, open, waiting, resolved, closed/,
    );
    expect((await tix(['ticket', 'list', '--since', 'last week'], { env })).code).toBe(2);
    expect((await tix(['ticket', 'list', '--since', '7d', '--json', 'id'], { env })).code).toBe(0);
    expect((await tix(['ticket', 'list', '--json', 'id,priority'], { env })).stderr).toMatch(
      /unknown JSON field priority; available: id, ref, status, statusCategory/,
    );
  });

  it('searches message bodies, accent-insensitively', async () => {
    const env = await as('sarah');
    const created = await tix(
      [
        'ticket',
        'create',
        '--type',
        'calculation',
        '--summary',
        'Net salary',
        '--description',
        'Le calcul du salaire net après la clôture mensuelle',
        '--json',
        'id',
      ],
      { env },
    );
    const found = await tix(['ticket', 'list', '--search', 'cloture mensuelle', '--json', 'id'], { env });
    expect(found.json()).toEqual([{ id: created.json().id }]);
  });

  it('views a conversation: header, values, messages; JSON with messages', async () => {
    const env = await as('yann');
    const id = (
      await tix(
        [
          'ticket',
          'create',
          '--type',
          'incident',
          '--establishment',
          est.paris.siret,
          '--summary',
          'Viewable',
          '--description',
          'First message',
          '--field',
          'severity=critical',
          '--field',
          'url=https://app.example.com/x',
          '--json',
          'id',
        ],
        { env },
      )
    ).json().id;
    await s.api('POST', `/tickets/${id}/messages`, { token: await s.tokenFor('agent@demo.test'), body: { body: 'Support answer' } });
    const human = await tix(['ticket', 'view', String(id)], { env });
    expect(human.stdout).toMatch(
      new RegExp(
        `^#${id} Viewable\\nanswered · Incident \\(incident\\) · École Paris \\(SIRET ${est.paris.siret}\\)\\n1 unread message\\nOpened by Yann Le Goff <yann@demo.test>`,
      ),
    );
    expect(human.stdout).toMatch(/Severity: Critical: the service is down for everyone\nURL: https:\/\/app.example.com\/x/);
    expect(human.stdout).toMatch(/── Yann Le Goff · [^\n●]*\nFirst message\n\n── Alex Support \(support\) · .* ● new .*\nSupport answer/);
    const json = await tix(['ticket', 'view', String(id), '--json'], { env });
    expect(json.json().messages.map((m: { body: string }) => m.body)).toEqual(['First message', 'Support answer']);
    expect(json.json().unread).toBe(1);
  });

  it('--all streams every page: 5,000 tickets', async () => {
    const big = await startTestServer();
    try {
      await bulkTickets(big, { count: 5000, email: 'yann@demo.test', siret: est.paris.siret });
      const env = isolatedEnv({ TIX_SERVER: big.url, TIX_TOKEN: await big.tokenFor('yann@demo.test') });
      const tsv = await tix(['ticket', 'list', '--all'], { env });
      const lines = tsv.stdout.trim().split('\n');
      expect(lines).toHaveLength(5000);
      expect(new Set(lines.map((l) => l.split('\t')[0])).size).toBe(5000);
      expect(lines[0]).toMatch(/\tBulk 4999\t/);
      const json = await tix(['ticket', 'list', '--all', '--json', 'id'], { env });
      expect(json.json()).toHaveLength(5000);
      // NDJSON: one compact object per line, the same tickets in the same order
      const ndjson = await tix(['ticket', 'list', '--all', '--ndjson', 'id,summary'], { env });
      const objects = ndjson.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(objects.map((o) => o.id)).toEqual(json.json().map((o: { id: number }) => o.id));
      expect(objects[0]).toEqual({ id: json.json()[0].id, summary: 'Bulk 4999' });
      const both = await tix(['ticket', 'list', '--json', '--ndjson'], { env });
      expect(both.code).toBe(2);
      expect(both.stderr).toMatch(/--json and --ndjson: give one of them/);
      const limited = await tix(['ticket', 'list', '--limit', '250', '--json', 'id'], { env });
      expect(limited.json()).toHaveLength(250);
    } finally {
      await big.close();
    }
  }, 120_000); // five processes over 5,000 tickets each, on a shared machine
});

describe('tix ticket reply and the status lifecycle', () => {
  it('replies with --body, --body-file and from stdin; a customer reply reopens a resolved ticket', async () => {
    const env = await as('yann');
    const id = String(
      (
        await tix(
          [
            'ticket',
            'create',
            '--type',
            'question',
            '--establishment',
            est.lille.siret,
            '--summary',
            'Replies',
            '--description',
            'start',
            '--json',
            'id',
          ],
          { env },
        )
      ).json().id,
    );
    expect((await tix(['ticket', 'reply', id, '--body', 'first'], { env })).code).toBe(0);
    writeFileSync(join(dir, 'reply.md'), 'from a file\n');
    expect((await tix(['ticket', 'reply', id, '--body-file', join(dir, 'reply.md')], { env })).code).toBe(0);
    expect((await tix(['ticket', 'resolve', id], { env })).stderr).toMatch(new RegExp(`#${id} is now resolved`));
    const r = await tix(['ticket', 'reply', id, '--body-file', '-', '--json', 'ticket'], { env, stdin: 'from stdin' });
    expect(r.json().ticket.status).toBe('open');
    const bodies = (await tix(['ticket', 'view', id, '--json', 'messages'], { env })).json().messages.map((m: { body: string }) => m.body);
    expect(bodies).toEqual(['start', 'first', 'from a file', 'from stdin']);
  });

  it('on a terminal with no body, opens $EDITOR and sends what was written (comments dropped)', async () => {
    const editor = join(dir, 'fake-editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "Written in the editor\\n" > "$1.new"; cat "$1" >> "$1.new"; mv "$1.new" "$1"\n');
    chmodSync(editor, 0o755);
    const env = await as('yann', { EDITOR: editor });
    const id = String(
      (
        await tix(
          [
            'ticket',
            'create',
            '--type',
            'question',
            '--establishment',
            est.lille.siret,
            '--summary',
            'Editor',
            '--description',
            'start',
            '--json',
            'id',
          ],
          { env },
        )
      ).json().id,
    );
    const r = await tix(['ticket', 'reply', id], { env, tty: true });
    expect(r.code, r.stderr).toBe(0);
    const last = (await tix(['ticket', 'view', id, '--json', 'messages'], { env })).json().messages.at(-1);
    expect(last.body).toBe('Written in the editor');
  });

  it('without a body and without a terminal, asks for --body (exit 2)', async () => {
    const env = await as('yann');
    const id = String((await tix(['ticket', 'list', '--limit', '1', '--json', 'id'], { env })).json()[0].id);
    const r = await tix(['ticket', 'reply', id], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a reply needs --body TEXT or --body-file FILE/);
  });

  it('a closed ticket refuses replies with exit 5 before any editor opens, and a follow-up links to it', async () => {
    const marker = join(dir, 'editor-ran');
    const editor = join(dir, 'marking-editor.sh');
    writeFileSync(editor, `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(editor, 0o755);
    const env = await as('yann', { EDITOR: editor, NO_COLOR: '1' });
    const agentEnv = await as('agent');
    const id = String(
      (
        await tix(
          [
            'ticket',
            'create',
            '--type',
            'incident',
            '--establishment',
            est.paris.siret,
            '--summary',
            'Will close',
            '--description',
            'd',
            '--field',
            'severity=low',
            '--json',
            'id',
          ],
          { env },
        )
      ).json().id,
    );
    const customerClose = await tix(['ticket', 'close', id], { env });
    expect(customerClose.code).toBe(4);
    expect(customerClose.stderr).toMatch(/only support agents close tickets/);
    expect((await tix(['ticket', 'close', id], { env: agentEnv })).code).toBe(0);

    const refused = await tix(['ticket', 'reply', id], { env, tty: true });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(
      new RegExp(
        `ticket #${id} is closed and takes no more replies\\nhint: file a follow-up that links to it: tix ticket create --follow-up ${id}`,
      ),
    );
    expect(existsSync(marker)).toBe(false);
    expect((await tix(['ticket', 'reply', id, '--body', 'late'], { env })).code).toBe(5);
    expect((await tix(['ticket', 'reopen', id], { env })).code).toBe(5);

    const follow = await tix(
      [
        'ticket',
        'create',
        '--follow-up',
        id,
        '--description',
        'It happens again',
        '--field',
        'severity=high',
        '--json',
        'followUpOf,summary,establishment,type',
      ],
      { env },
    );
    expect(follow.code, follow.stderr).toBe(0);
    expect(follow.json()).toEqual({
      followUpOf: Number(id),
      summary: `Follow-up to #${id}: Will close`,
      establishment: { siret: est.paris.siret, name: 'École Paris' },
      type: 'incident',
    });
    const notClosed = await tix(['ticket', 'create', '--follow-up', String(follow.json().followUpOf + 100000)], { env });
    expect(notClosed.code).toBe(3);
  });

  it('Sarah cannot reach a Paris ticket from the CLI: exit 3, like a ticket that does not exist', async () => {
    const paris = String(
      (
        await tix(
          [
            'ticket',
            'create',
            '--type',
            'question',
            '--establishment',
            est.paris.siret,
            '--summary',
            'Paris secret',
            '--description',
            'x',
            '--json',
            'id',
          ],
          { env: await as('yann') },
        )
      ).json().id,
    );
    const env = await as('sarah');
    for (const args of [
      ['ticket', 'view', paris],
      ['ticket', 'reply', paris, '--body', 'x'],
      ['ticket', 'resolve', paris],
      ['ticket', 'download', paris],
      ['ticket', 'list', '--establishment', est.paris.siret],
    ]) {
      const r = await tix(args, { env });
      expect(r.code, args.join(' ')).toBe(3);
    }
    expect((await tix(['ticket', 'view', '999999'], { env })).stderr).toMatch(/no ticket #999999/);
    expect((await tix(['ticket', 'list', '--search', 'Paris secret', '--json', 'id'], { env })).json()).toEqual([]);
  });
});

describe('tix ticket download', () => {
  it('saves attachments, verifies their checksum, and never overwrites without --clobber', async () => {
    const env = await as('sarah');
    const a = join(dir, 'evidence.txt');
    writeFileSync(a, 'evidence');
    const id = String(
      (
        await tix(['ticket', 'create', '--type', 'question', '--summary', 'Files', '--description', 'x', '--attach', a, '--json', 'id'], {
          env,
        })
      ).json().id,
    );
    await tix(['ticket', 'reply', id, '--body', 'another', '--attach', a], { env });
    const out = join(dir, 'out');
    const r = await tix(['ticket', 'download', id, '--output', out], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([join(out, 'evidence.txt'), join(out, 'evidence (1).txt')]);
    expect(readFileSync(join(out, 'evidence (1).txt'), 'utf8')).toBe('evidence');
    const again = await tix(['ticket', 'download', id, '--output', out], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; use --clobber/);
    expect((await tix(['ticket', 'download', id, '--output', out, '--clobber'], { env })).code).toBe(0);
  });
});

describe('tix type', () => {
  it('lists the catalog and shows a form with its flags', async () => {
    const env = await as('sarah');
    const list = await tix(['type', 'list', '--category', 'security', '--json', 'id'], { env });
    expect(list.json()).toEqual([{ id: 'user-deletion' }, { id: 'mfa-reset' }, { id: 'suspected-fraud' }]);
    const view = await tix(['type', 'view', 'api-integration'], { env });
    expect(view.stdout).toMatch(/^endpointUrl\turl\tyes\t--field endpointUrl=VALUE\tEndpoint URL$/m);
    expect(view.stdout).toMatch(/^impact\tchoice: low\|medium\|high\|critical\tyes\t/m);
    const schema = await tix(['type', 'view', 'incident', '--json', 'fields'], { env });
    expect(schema.json().fields.find((f: { id: string }) => f.id === 'severity').choices).toHaveLength(4);
    expect((await tix(['type', 'view', 'nope'], { env })).code).toBe(3);
    mkdirSync(join(dir, 'x'), { recursive: true });
  });
});
