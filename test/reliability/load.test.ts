import { rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, tix } from '../helpers/cli.ts';
import { acknowledged, checkLedger } from '../helpers/ledger.ts';
import { formatStress, runStress, type Runner, type StressResult } from '../helpers/load.ts';

// `npm run stress` in small, so CI guards the property: a real `tix serve` on a file database, concurrent
// workers as Yann, Sarah and the agent (commands in-process here, a process each in the stress run), and the
// database checked against the log of acknowledged operations. The same run with a kill -9 in the middle.

const inProcess: Runner = (args, env) => tix(args, { env });
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function report(r: StressResult, workers: number, ops: number, what: string): void {
  console.log(formatStress(r, { workers, ops, what }));
  expect(r.problems).toEqual([]);
  expect(r.ledger).toMatchObject({ lost: [], duplicated: [], halfWritten: [], phantom: [], inconsistent: [], integrity: 'ok' });
  expect([...r.server.byStatus.keys()].filter((s) => s >= 500)).toEqual([]);
  expect(r.ok).toBe(true);
}

describe('concurrent load', () => {
  it('4 workers x 10 operations: every acknowledged write exactly once, nothing half-written, no 5xx', async () => {
    const dir = tempDir('tix-load-');
    dirs.push(dir);
    const r = await runStress({ workers: 4, ops: 10, seed: 3, runner: inProcess, dir });
    report(r, 4, 10, 'in-process tix commands');
    expect(r.ledger.creates).toBeGreaterThan(0);
    expect(r.ledger.replies).toBeGreaterThan(0);
    expect(r.records.filter((x) => x.kind === 'list' || x.kind === 'read').length).toBeGreaterThan(0);
  });

  it('kill -9 mid-load: every write acknowledged before the kill survives the restart, integrity ok, retries converge', async () => {
    const dir = tempDir('tix-crash-');
    dirs.push(dir);
    const r = await runStress({ workers: 4, ops: 12, seed: 5, runner: inProcess, dir, crashAt: 0.4, downMs: 400 });
    report(r, 4, 12, 'in-process tix commands, kill -9 at 40%');
    expect(r.crash).toBeDefined();
    expect(r.crash!.acknowledgedBefore).toBeGreaterThan(0);
    expect(r.crash!.midWrite).toBe(true);
    expect(r.crash!.afterRestart).toMatchObject({ lost: [], duplicated: [], halfWritten: [], integrity: 'ok' });
    expect(r.crash!.afterRestart.creates + r.crash!.afterRestart.replies).toBe(r.crash!.acknowledgedBefore);
    // the workers kept going while the server was down: some commands gave up (exit 6) and were re-run
    expect(r.records.some((x) => x.first.code === 6)).toBe(true);
  });

  it('the check is not vacuous: a lost, a duplicated, a half-written and a phantom write are each caught', async () => {
    const dir = tempDir('tix-ledger-');
    dirs.push(dir);
    const r = await runStress({ workers: 2, ops: 8, seed: 11, runner: inProcess, dir });
    expect(r.ok).toBe(true);
    const reply = r.records.find((x) => x.kind === 'reply' && acknowledged(x))!;
    const create = r.records.find((x) => x.kind === 'create' && acknowledged(x))!;
    const db = new DatabaseSync(r.db);
    db.exec('PRAGMA foreign_keys = ON');
    // an acknowledged reply disappears
    for (const table of ['message_reads', 'uploads', 'idempotency_keys'])
      db.prepare(`DELETE FROM ${table} WHERE message_id = ?`).run(reply.messageId!);
    db.prepare('DELETE FROM messages WHERE id = ?').run(reply.messageId!);
    // an acknowledged ticket's description is there twice
    db.prepare(
      'INSERT INTO messages (ticket_id, author_id, body, created_at) SELECT ticket_id, author_id, body, created_at FROM messages WHERE body = ?',
    ).run(create.marker!);
    // a ticket without its first message
    db.prepare(
      "INSERT INTO tickets (establishment_id, created_by, type, category, summary, fields, status, created_at, updated_at) VALUES (1, 1, 'question', 'general', 'orphan', '{}', 'sent', '2026-01-01', '2026-01-01')",
    ).run();
    // a reply no operation made, with the run's marker
    db.prepare('INSERT INTO messages (ticket_id, author_id, body, created_at) VALUES (?, 1, ?, ?)').run(
      create.ticketId!,
      create.marker!.replace(/-w\d+-\d+$/, '-w9-999').replace('Description', 'Reply'),
      '2026-01-01',
    );
    db.close();
    const l = await checkLedger(r.db, r.records);
    expect(l.ok).toBe(false);
    expect(l.lost).toEqual([expect.stringContaining(`reply ${reply.key}`)]);
    expect(l.duplicated).toEqual([expect.stringContaining(`create ${create.key}`)]);
    expect(l.halfWritten).toEqual(expect.arrayContaining([expect.stringMatching(/ticket #\d+ has no message/)]));
    expect(l.phantom).toEqual([expect.stringContaining('written by no operation of the run')]);
  });
});
