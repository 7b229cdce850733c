import { screen } from '@inquirer/testing/vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog, type FieldSpec } from '../../src/core/catalog.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, tempDir, tix } from '../helpers/cli.ts';
import { waitFor } from '../helpers/prompts.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { allTickets } from '../helpers/store-facts.ts';

// The interactive form, prompt by prompt, through @inquirer/testing's virtual screen: the prompts come from the
// server's schema, so every type of the catalog is filled in here the way a person would.
let s: TestServer;
let file: string;
beforeAll(async () => {
  s = await startTestServer();
  file = join(tempDir(), 'proof.pdf');
  writeFileSync(file, '%PDF-1.4 proof');
});
afterAll(() => s.close());

const envFor = async (user: string) => isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor(`${user}@demo.test`), NO_COLOR: '1' });

function answer(field: FieldSpec, summary: string): void {
  switch (field.kind) {
    case 'attachments':
      if (field.required) screen.type(file);
      break;
    case 'choice':
      screen.keypress('down'); // pick the second choice, to prove the selection is used
      break;
    case 'boolean':
      if (field.acknowledgement) screen.type('irreversible');
      else screen.type('y');
      break;
    case 'urls':
      screen.type('https://app.example.com/employees/1, https://app.example.com/employees/2');
      break;
    case 'date':
      screen.type('2099-06-30');
      break;
    case 'url':
      screen.type('https://api.example.com/v1/x');
      break;
    case 'email':
      screen.type('someone@demo.test');
      break;
    default:
      screen.type(field.id === 'summary' ? summary : `Typed ${field.id}`);
  }
  screen.keypress('enter');
}

describe('interactive ticket create', () => {
  it.each(defaultCatalog.types.map((t) => [t.id, t] as const))('fills in and files a %s request through its prompts', async (_id, type) => {
    const env = await envFor('yann');
    const summary = `Prompted ${type.id} ${Math.random().toString(36).slice(2, 8)}`;
    const run = tix(
      ['ticket', 'create', '--type', type.id, '--establishment', est.paris.siret, '--json', 'id,type,summary,fields,onBehalfOf'],
      { env, tty: true },
    );
    for (const field of type.fields) {
      const prompt = field.kind === 'attachments' ? /files to attach/ : new RegExp(field.label.en!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      await waitFor(prompt, run);
      answer(field, summary);
    }
    await waitFor(/Send this request\?/, run);
    screen.type('y');
    screen.keypress('enter');
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    const t = r.json();
    expect(t).toMatchObject({ type: type.id, summary });
    for (const f of type.fields) {
      if (f.kind === 'choice') expect(t.fields[f.id]).toBe(f.choices![1]!.value);
      if (f.kind === 'boolean') expect(t.fields[f.id]).toBe(true);
      if (f.kind === 'urls') expect(t.fields[f.id]).toEqual(['https://app.example.com/employees/1', 'https://app.example.com/employees/2']);
      if (f.id === 'onBehalfOf') expect(t.onBehalfOf).toEqual({ email: 'someone@demo.test', name: null });
    }
  });

  it('asks for the establishment, the category and the type when they are not given', async () => {
    const env = await envFor('yann');
    const run = tix(['ticket', 'create', '--json', 'type,establishment'], { env, tty: true });
    await waitFor(/Establishment/, run);
    screen.keypress('down');
    screen.keypress('enter'); // the second of Yann's establishments (École Paris, by name)
    await waitFor(/Category/, run);
    screen.keypress('down');
    screen.keypress('enter'); // technical
    await waitFor(/Request type/, run);
    screen.keypress('down');
    screen.keypress('enter'); // incident
    for (const label of ['Summary', 'Description']) {
      await waitFor(new RegExp(label), run);
      screen.type(`My ${label}`);
      screen.keypress('enter');
    }
    await waitFor(/Severity/, run);
    screen.keypress('enter');
    for (const label of ['URL', 'On behalf of', 'files to attach']) {
      await waitFor(new RegExp(label), run);
      screen.keypress('enter'); // optional: skipped
    }
    for (const label of ['GDPR consent', 'Share with account manager']) {
      await waitFor(new RegExp(label), run);
      screen.keypress('enter'); // default: no
    }
    await waitFor(/Send this request\?/, run);
    screen.type('y');
    screen.keypress('enter');
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ type: 'incident', establishment: { siret: est.paris.siret, name: 'École Paris' } });
  });

  it('shows a validation message and lets the user fix the value', async () => {
    const env = await envFor('sarah');
    const run = tix(
      [
        'ticket',
        'create',
        '--type',
        'sql-report',
        '--summary',
        'Attendance report',
        '--description',
        'Q1 by department',
        '--json',
        'fields',
      ],
      { env, tty: true },
    );
    await waitFor(/Wanted by/, run);
    screen.type('31/12/2099');
    screen.keypress('enter');
    await waitFor(/expected a date as YYYY-MM-DD/, run);
    for (let i = 0; i < 10; i++) screen.keypress('backspace');
    screen.type('2099-12-31');
    screen.keypress('enter');
    for (const label of ['On behalf of', 'files to attach']) {
      await waitFor(new RegExp(label), run);
      screen.keypress('enter');
    }
    for (const label of ['GDPR consent', 'Share with account manager']) {
      await waitFor(new RegExp(label), run);
      screen.keypress('enter');
    }
    await waitFor(/Send this request\?/, run);
    screen.type('y');
    screen.keypress('enter');
    const r = await run;
    expect(r.json().fields.desiredDate).toBe('2099-12-31');
  });

  it('declining the final confirmation files nothing and exits 130', async () => {
    const env = await envFor('sarah');
    const before = (await allTickets(s.store)).length;
    const run = tix(['ticket', 'create', '--type', 'subscription', '--summary', 'Upgrade', '--description', 'To the pro plan'], {
      env,
      tty: true,
    });
    for (const label of ['On behalf of']) {
      await waitFor(new RegExp(label), run);
      screen.keypress('enter');
    }
    await waitFor(/Share with account manager/, run);
    screen.keypress('enter');
    await waitFor(/Send this request\?/, run);
    screen.type('n');
    screen.keypress('enter');
    const r = await run;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/cancelled; nothing was sent/);
    // nothing typed is lost: the command that files the same request is printed
    expect(r.stderr).toMatch(
      /Nothing was sent\. To file this request later, run:\n {2}tix ticket create --type subscription --establishment \d{14} --summary Upgrade --description 'To the pro plan'/,
    );
    expect((await allTickets(s.store)).length).toBe(before);
  });

  it('offers to reply to a similar open ticket instead of filing a duplicate (seed 001)', async () => {
    const env = await envFor('sarah');
    const first = await tix(
      [
        'ticket',
        'create',
        '--type',
        'billing-question',
        '--summary',
        'Cannot find the March invoice',
        '--description',
        'Where is it?',
        '--json',
        'id',
      ],
      { env },
    );
    const id = first.json().id;
    const run = tix(
      [
        'ticket',
        'create',
        '--type',
        'billing-question',
        '--summary',
        'cannot find March invoice',
        '--description',
        'Still looking for it',
        '--field',
        'onBehalfOf=sarah@demo.test',
        '--field',
        'gdprConsent=no',
        '--field',
        'shareWithAccountManager=no',
      ],
      { env, tty: true },
    );
    await waitFor(/files to attach/, run);
    screen.keypress('enter');
    const text = await waitFor(/Keep the conversation in one place\?/, run);
    expect(text).toMatch(new RegExp(`Reply to #${id} instead`));
    screen.keypress('enter');
    // what will be posted is shown first, the form's values with it, and asked for
    await waitFor(/Post this reply\?/, run);
    screen.type('y');
    screen.keypress('enter');
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`looks like the same request[\\s\\S]*Replied to #${id}`));
    expect(r.stderr).toMatch(
      new RegExp(`This reply will be posted on #${id}:\\n {2}Still looking for it\\n\\n {2}Summary: cannot find March invoice`),
    );
    const view = await tix(['ticket', 'view', String(id), '--json', 'messages'], { env });
    expect(view.json().messages.map((m: { body: string }) => m.body)).toEqual([
      'Where is it?',
      'Still looking for it\n\nSummary: cannot find March invoice\nOn behalf of: sarah@demo.test',
    ]);
  });
});
