import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { tempDir, tix } from '../helpers/cli.ts';
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
    expect(r.crash!.afterRestart).toMatchObject({ lost: [], duplicated: [], halfWritten: [], integrity: 'ok' });
    expect(r.crash!.afterRestart.creates + r.crash!.afterRestart.replies).toBe(r.crash!.acknowledgedBefore);
    // the workers kept going while the server was down: some commands gave up (exit 6) and were re-run
    expect(r.records.some((x) => x.first.code === 6)).toBe(true);
  });
});
