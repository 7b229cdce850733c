import { screen } from '@inquirer/testing/vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogProblems, type Catalog } from '../../src/core/catalog.ts';
import { isolatedEnv, spawnTix, tempDir, tix } from '../helpers/cli.ts';
import { waitFor } from '../helpers/prompts.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// A request type the CLI has never heard of: the server's catalog alone makes its form, flags and prompts.
const catalog: Catalog = {
  categories: [{ id: 'hardware', label: { en: 'Hardware' }, description: { en: 'devices we lent you' } }],
  types: [
    {
      id: 'hardware-return',
      category: 'hardware',
      label: { en: 'Return a device' },
      description: { en: 'send back a badge reader or a terminal' },
      fields: [
        { id: 'summary', label: { en: 'Summary' }, kind: 'text', required: true },
        { id: 'description', label: { en: 'Description' }, kind: 'longtext', required: true },
        { id: 'serialNumber', label: { en: 'Serial number' }, kind: 'text', required: true, maxLength: 20 },
        {
          id: 'returnReason',
          label: { en: 'Why it goes back' },
          kind: 'choice',
          required: true,
          choices: [
            { value: 'broken', label: { en: 'It is broken' } },
            { value: 'unused', label: { en: 'We no longer use it' } },
          ],
        },
        { id: 'pickupDate', label: { en: 'Pick-up date' }, kind: 'date', required: false, future: true },
      ],
    },
  ],
};

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ app: { catalog } });
});
afterAll(() => s.close());
const env = async () => isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('sarah@demo.test'), NO_COLOR: '1' });

describe('a catalog of our own', () => {
  it('is valid by the same rules the server applies to a catalog file', () => {
    expect(catalogProblems(catalog)).toEqual([]);
  });

  it('gives the new type its flags and its checks, with no client change', async () => {
    const e = await env();
    expect((await tix(['type', 'list', '--json', 'id'], { env: e })).json()).toEqual([{ id: 'hardware-return' }]);
    const view = await tix(['type', 'view', 'hardware-return'], { env: e });
    expect(view.stdout).toMatch(/^returnReason\tchoice: broken\|unused\tyes\t--field returnReason=broken\|unused\t/m);
    const missing = await tix(['ticket', 'create', '--type', 'hardware-return', '--summary', 'Reader'], { env: e });
    expect(missing.code).toBe(2);
    expect(missing.errorJson().fields.map((f: { field: string }) => f.field)).toEqual(['description', 'serialNumber', 'returnReason']);
    const filed = await tix(
      [
        'ticket',
        'create',
        '--type',
        'hardware-return',
        '--summary',
        'Reader',
        '--description',
        'Badge reader of the hall',
        '--field',
        'serial-number=BR-2231',
        '--field',
        'returnReason=unused',
        '--json',
        'type,category,fields',
      ],
      { env: e },
    );
    expect(filed.code, filed.stderr).toBe(0);
    expect(filed.json()).toEqual({
      type: 'hardware-return',
      category: 'hardware',
      fields: { serialNumber: 'BR-2231', returnReason: 'unused' },
    });
    const tooLong = await tix(
      [
        'ticket',
        'create',
        '--type',
        'hardware-return',
        '--summary',
        'x',
        '--description',
        'y',
        '--field',
        `serialNumber=${'9'.repeat(21)}`,
        '--field',
        'returnReason=broken',
      ],
      { env: e },
    );
    expect(tooLong.stderr).toMatch(/serialNumber: at most 20 characters/);
  });

  it('gives the new type its prompts', async () => {
    const run = tix(['ticket', 'create', '--json', 'fields'], { env: await env(), tty: true });
    // one category: no question about it, the type straight away
    expect(await waitFor(/Request type/, run)).not.toMatch(/Category/);
    screen.keypress('enter');
    for (const [label, text] of [
      ['Summary', 'Terminal back'],
      ['Description', 'The old terminal'],
      ['Serial number', 'T-77'],
    ]) {
      await waitFor(new RegExp(label!), run);
      screen.type(text!);
      screen.keypress('enter');
    }
    await waitFor(/Why it goes back/, run);
    screen.keypress('down');
    screen.keypress('enter');
    await waitFor(/Pick-up date/, run);
    screen.type('2099-03-01');
    screen.keypress('enter');
    await waitFor(/Send this request\?/, run);
    screen.type('y');
    screen.keypress('enter');
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ fields: { serialNumber: 'T-77', returnReason: 'unused', pickupDate: '2099-03-01' } });
  });

  it('tix serve --catalog refuses a bad file with its path and every problem, and serves a good one', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        categories: [{ id: 'hw', label: 'HW' }],
        types: [
          {
            id: 'Bad Id',
            category: 'nope',
            label: 'x',
            fields: [
              { id: 'summary', label: 'S', kind: 'text', required: true },
              { id: 'level', label: 'L', kind: 'choice', required: true },
            ],
          },
        ],
      }),
    );
    const r = await spawnTix(['serve', '--port', '0', '--db', ':memory:', '--catalog', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad} is not a valid request-type catalog, nothing was loaded`);
    expect(r.stderr).toContain('types[0].id: expected a lowercase id such as "incident"');
    expect(r.stderr).toContain('types[0].category: expected one of the categories (hw)');
    expect(r.stderr).toContain('types[0].fields[1].choices: a choice field needs choices');
    expect(r.stderr).toContain('types[0].fields: every type needs a "description" field');
  });
});
