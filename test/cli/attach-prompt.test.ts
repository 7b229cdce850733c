import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, tempDir, tixBin } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { skipUnless } from '../helpers/strict.ts';
import { openTerminal, tmuxAvailable, type Terminal } from '../helpers/tmux.ts';

// The attachment question of `tix ticket create`, in a real terminal (tmux) with the real binary: Tab completes
// the file's path instead of inserting a tab character (issue 10).
let s: TestServer;
let term: Terminal | undefined;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());
afterEach(() => term?.close());

describe.skipIf(skipUnless(tmuxAvailable, 'tmux'))('the attachment prompt in a real terminal', () => {
  it('Tab completes the path being typed; the completed file is attached', async () => {
    const dir = tempDir('tix-attach-');
    writeFileSync(join(dir, 'payroll-export-trace.txt'), 'HTTP 500 at 09:02\n');
    writeFileSync(join(dir, 'notes.md'), 'notes\n');
    const env = isolatedEnv({ TERM: 'xterm-256color', TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('yann@demo.test') });
    const args = ['ticket', 'create', '--type', 'incident', '--establishment', est.paris.siret, '--summary', 'Export fails'];
    const command = ['sh', '-c', `cd '${dir}' && exec "$0" "$@"`, process.execPath, tixBin, ...args];
    term = openTerminal([...command, '--description', 'Since 9:00', '--field', 'severity=high'], env);
    await term.waitFor(/URL \(optional\)/, 30_000);
    term.keys('Enter');
    await term.waitFor(/On behalf of/);
    term.keys('Enter');
    await term.waitFor(/files to attach/);
    term.type('pay');
    term.keys('Tab');
    await term.waitFor(/files to attach.* payroll-export-trace\.txt/);
    term.keys('Enter');
    await term.waitFor(/GDPR consent/);
    term.keys('Enter');
    await term.waitFor(/Share with account manager/);
    term.keys('Enter');
    await term.waitFor(/Send this request\?/);
    term.type('y');
    term.keys('Enter');
    expect(await term.exitCode()).toBe(0);
    const list = await s.api('GET', '/tickets?search=export%20fails', { token: await s.tokenFor('yann@demo.test') });
    expect(list.body.items).toHaveLength(1);
    const ticket = await s.api('GET', `/tickets/${list.body.items[0].id}`, { token: await s.tokenFor('yann@demo.test') });
    expect(JSON.stringify(ticket.body)).toContain('payroll-export-trace.txt');
    expect(JSON.stringify(ticket.body)).not.toContain('\\t');
  }, 90_000);
});
