import { screen } from '@inquirer/testing/vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, tix } from '../helpers/cli.ts';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.ts';
import { waitFor } from '../helpers/prompts.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { allTickets } from '../helpers/store-facts.ts';

// A request answered but not filed is kept (issue 10: "answering No to the final confirmation throws away every
// answer"): `tix ticket create --recover` reopens it with every answer filled in. Kept per server in the config
// dir, 0600, without secrets; gone once filed. A send that failed keeps its idempotency key, so recovering it can
// never file the ticket twice.
let s: TestServer;
let proxy: FaultProxy;
beforeAll(async () => {
  s = await startTestServer();
  proxy = await startFaultProxy(s.url);
});
afterAll(async () => {
  await proxy?.close();
  await s?.close();
});
beforeEach(() => proxy.reset());

const CREATE = /^POST \/api\/v1\/tickets$/;
const named = async (summary: string) => (await allTickets(s.store)).filter((t) => t.summary === summary);

async function envFor(user: string, server = s.url) {
  const token = await s.tokenFor(`${user}@demo.test`);
  return { env: isolatedEnv({ TIX_SERVER: server, TIX_TOKEN: token, NO_COLOR: '1' }), token };
}

/** The drafts kept in this environment's config dir, with their file modes. */
function drafts(env: Record<string, string | undefined>): Array<{ path: string; mode: number; text: string }> {
  const dir = join(env.TIX_CONFIG_DIR!, 'drafts');
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.map((name) => {
    const path = join(dir, name);
    return { path, mode: statSync(path).mode & 0o777, text: readFileSync(path, 'utf8') };
  });
}

/** The question form's last steps: no files, GDPR consent given, the account manager left out, then Send? answered. */
async function attachNothingConsentAndAnswer(run: ReturnType<typeof tix>, send: 'y' | 'n'): Promise<void> {
  await waitFor(/files to attach/, run);
  screen.keypress('enter');
  await waitFor(/GDPR consent/, run);
  screen.type('y');
  screen.keypress('enter');
  await waitFor(/Share with account manager/, run);
  screen.keypress('enter');
  await waitFor(/Send this request\?/, run);
  screen.type(send);
  screen.keypress('enter');
}

describe('a request not sent is kept', () => {
  it('No at the end keeps the answers (0600, no token); --recover asks again with each answer filled in, files it, forgets it', async () => {
    const { env, token } = await envFor('sarah');
    const summary = `Kept request ${Math.random().toString(36).slice(2, 8)}`;
    const run = tix(['ticket', 'create', '--type', 'question'], { env, tty: true });
    await waitFor(/Summary/, run);
    screen.type(summary);
    screen.keypress('enter');
    await waitFor(/Description/, run);
    screen.type('How many days of leave are left?');
    screen.keypress('enter');
    await waitFor(/On behalf of/, run);
    screen.type('paul@demo.test');
    screen.keypress('enter');
    await attachNothingConsentAndAnswer(run, 'n');
    const declined = await run;
    expect(declined.code).toBe(130);
    expect(declined.stderr).toMatch(/To file this request later, run:\n {2}tix ticket create --type question/);
    expect(declined.stderr).toMatch(/Your answers are kept: tix ticket create --recover reopens them\./);
    expect(await named(summary)).toHaveLength(0);

    const [kept, ...more] = drafts(env);
    expect(more).toHaveLength(0);
    expect(kept!.mode).toBe(0o600);
    expect(statSync(join(env.TIX_CONFIG_DIR!, 'drafts')).mode & 0o777).toBe(0o700);
    expect(kept!.text).not.toContain(token);
    expect(JSON.parse(kept!.text)).toMatchObject({
      server: s.url,
      type: 'question',
      establishment: est.lille.siret,
      fields: { summary, description: 'How many days of leave are left?', onBehalfOf: 'paul@demo.test', gdprConsent: true },
      attach: [],
    });
    expect(JSON.parse(kept!.text).idempotencyKey).toBeUndefined(); // nothing was sent: no key to keep

    // reopened: every question again, its answer on the line; Enter keeps it, and one answer is changed
    const again = tix(['ticket', 'create', '--recover', '--json', 'id,summary,fields,onBehalfOf'], { env, tty: true });
    // the menus open on last time's choice
    expect(await waitFor(/Category/, again)).toMatch(/❯ General/);
    screen.keypress('enter');
    expect(await waitFor(/Request type/, again)).toMatch(/❯ Ask a question/);
    screen.keypress('enter');
    expect(await waitFor(/Summary/, again)).toContain(summary);
    screen.keypress('enter');
    expect(await waitFor(/Description/, again)).toContain('How many days of leave are left?');
    screen.keypress('enter');
    expect(await waitFor(/On behalf of/, again)).toContain('paul@demo.test');
    for (let i = 0; i < 'paul@demo.test'.length; i++) screen.keypress('backspace');
    screen.type('lea@demo.test');
    screen.keypress('enter');
    await waitFor(/files to attach/, again);
    screen.keypress('enter');
    expect(await waitFor(/GDPR consent/, again)).toMatch(/GDPR consent.*\(Y\/n\)/);
    screen.keypress('enter');
    await waitFor(/Share with account manager/, again);
    screen.keypress('enter');
    await waitFor(/Send this request\?/, again);
    screen.type('y');
    screen.keypress('enter');
    const filed = await again;
    expect(filed.code, filed.stderr).toBe(0);
    expect(filed.json()).toMatchObject({
      summary,
      fields: { gdprConsent: true },
      onBehalfOf: { email: 'lea@demo.test' },
    });
    const view = await tix(['ticket', 'view', String(filed.json().id), '--json', 'messages'], { env });
    expect(view.json().messages[0].body).toBe('How many days of leave are left?');
    expect(await named(summary)).toHaveLength(1);
    expect(drafts(env)).toEqual([]); // filed: nothing kept any more

    const none = await tix(['ticket', 'create', '--recover'], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`no request is kept for ${s.url}`);
    expect(none.errorJson().code).toBe('no_draft');
  }, 150_000);

  it('Ctrl-C halfway through the form keeps what was answered; a Ctrl-C before any answer leaves the kept one alone', async () => {
    const { env } = await envFor('sarah');
    const summary = `Half answered ${Math.random().toString(36).slice(2, 8)}`;
    const run = tix(['ticket', 'create', '--type', 'question'], { env, tty: true });
    await waitFor(/Summary/, run);
    screen.type(summary);
    screen.keypress('enter');
    await waitFor(/Description/, run);
    screen.type('Two answers, then Ctrl-C');
    screen.keypress('enter');
    await waitFor(/On behalf of/, run);
    screen.keypress({ name: 'c', ctrl: true });
    const stopped = await run;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/Your answers are kept: tix ticket create --recover reopens them\./);
    const kept = () => JSON.parse(drafts(env)[0]!.text);
    expect(kept()).toMatchObject({ type: 'question', fields: { summary, description: 'Two answers, then Ctrl-C' }, attach: [] });
    expect(kept().fields.onBehalfOf).toBeUndefined();

    // reopened, then Ctrl-C at the first field: no field answered this time, so the kept answers stay as they were
    const quit = tix(['ticket', 'create', '--recover'], { env, tty: true });
    for (const label of [/Category/, /Request type/]) {
      await waitFor(label, quit);
      screen.keypress('enter');
    }
    await waitFor(/Summary/, quit);
    screen.keypress({ name: 'c', ctrl: true });
    expect((await quit).code).toBe(130);
    expect(kept().fields).toEqual({ summary, description: 'Two answers, then Ctrl-C' });

    // reopened again: the two answers are on their lines, the rest is asked, and it is filed once
    const again = tix(['ticket', 'create', '--recover', '--json', 'summary'], { env, tty: true });
    for (const label of [/Category/, /Request type/]) {
      await waitFor(label, again);
      screen.keypress('enter');
    }
    expect(await waitFor(/Summary/, again)).toContain(summary);
    screen.keypress('enter');
    expect(await waitFor(/Description/, again)).toContain('Two answers, then Ctrl-C');
    screen.keypress('enter');
    await waitFor(/On behalf of/, again);
    screen.keypress('enter');
    await attachNothingConsentAndAnswer(again, 'y');
    const filed = await again;
    expect(filed.code, filed.stderr).toBe(0);
    expect(filed.json().summary).toBe(summary);
    expect(await named(summary)).toHaveLength(1);
    expect(drafts(env)).toEqual([]);
  }, 150_000);

  it('a send whose answer was lost keeps the request and its key: --recover files it once, not twice', async () => {
    const { env } = await envFor('sarah', proxy.url);
    const summary = `Lost answer ${Math.random().toString(36).slice(2, 8)}`;
    // the helpdesk files the ticket, and every answer to the create (and its retries) is lost on the way back
    proxy.inject(
      CREATE,
      Array.from({ length: 4 }, () => ({ kind: 'drop-after' as const })),
    );
    const run = tix(
      [
        'ticket',
        'create',
        '--type',
        'question',
        '--summary',
        summary,
        '--description',
        'Payslips of November',
        '--field',
        'gdprConsent=no',
        '--field',
        'shareWithAccountManager=no',
      ],
      { env, tty: true },
    );
    for (const label of [/On behalf of/, /files to attach/]) {
      await waitFor(label, run);
      screen.keypress('enter');
    }
    await waitFor(/Send this request\?/, run);
    screen.type('y');
    screen.keypress('enter');
    const lost = await run;
    expect(lost.code).toBe(6);
    expect(lost.stderr).toMatch(/Your answers are kept: tix ticket create --recover reopens them\./);
    expect(await named(summary)).toHaveLength(1);
    const kept = JSON.parse(drafts(env)[0]!.text);
    expect(kept.idempotencyKey).toMatch(/^tix-/);

    // off a terminal, --recover sends the kept request as it is, with its key: the helpdesk answers with the first ticket
    const recovered = await tix(['ticket', 'create', '--recover', '--json', 'id,summary'], { env });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.json().summary).toBe(summary);
    expect(recovered.stderr).toContain(`Already done with idempotency key ${kept.idempotencyKey}`);
    expect(await named(summary)).toHaveLength(1);
    expect(drafts(env)).toEqual([]);
  });

  it('drafts are per server, and scripts (no terminal) keep none', async () => {
    const { env } = await envFor('sarah');
    // a script's create that fails: its command line is its record
    const bad = await tix(['ticket', 'create', '--type', 'question', '--summary', 'x'], { env });
    expect(bad.code).toBe(2);
    expect(drafts(env)).toEqual([]);
    const elsewhere = await tix(['ticket', 'create', '--recover'], { env: { ...env, TIX_SERVER: proxy.url } });
    expect(elsewhere.stderr).toContain(`no request is kept for ${proxy.url}`);
  });
});
