// `npm run stress`: N workers each run M tix operations (a real tix process per operation) against a
// `tix serve` on a file database, then the database is checked against the log of acknowledged operations:
// every acknowledged ticket and reply present exactly once, nothing refused written, nothing half-written.
// Prints operations per second, p50/p95/p99 per operation, errors by exit code and by HTTP status; exits 1
// when the check fails. `--crash` kills the server with SIGKILL mid-run and restarts it on the same database
// 3 s later (longer than the CLI's retries, so some writes end "outcome unknown" and are run again with
// their idempotency key, as a script would). `--instances N --db postgres://…` runs N `tix serve` processes over
// one PostgreSQL database (an empty one: the servers make the schema), the workers spread across them; with
// `--crash`, one of them is killed and the others take its workers. `--auto-close-after 5s` lets the servers
// close resolved tickets during the run, and checks each was closed exactly once.
//
//   node src/dev/stress.ts [--workers 16] [--ops 50] [--crash] [--seed 1] [--keep]
//                          [--instances 3 --db postgres://user@host:port/db] [--auto-close-after 5s]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnTix } from '../../test/helpers/cli.ts';
import { formatStress, runStress, type Runner } from '../../test/helpers/load.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '16' },
    ops: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    crash: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    instances: { type: 'string', default: '1' },
    db: { type: 'string' },
    'auto-close-after': { type: 'string' },
  },
});
const instances = Number(values.instances);
const workers = Number(values.workers);
const ops = Number(values.ops);
if (
  !Number.isInteger(workers) ||
  workers < 1 ||
  !Number.isInteger(ops) ||
  ops < 1 ||
  !Number.isInteger(instances) ||
  instances < 1 ||
  (instances > 1 && !values.db?.startsWith('postgres'))
) {
  process.stderr.write(
    'usage: node src/dev/stress.ts [--workers N] [--ops M] [--crash] [--seed S] [--keep] [--instances N --db postgres://…] [--auto-close-after 5s]\n',
  );
  process.exit(2);
}

/** One real tix process per operation, as CI jobs and scripts run it. */
const runner: Runner = (args, env) => spawnTix(args, { env, timeoutMs: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'tix-stress-'));
process.stderr.write(
  `tix stress: ${workers} workers x ${ops} operations${instances > 1 ? ` over ${instances} servers` : ''}${values.crash ? (instances > 1 ? ', kill -9 of one server at 40%' : ', kill -9 of the server at 40% for 3 s') : ''}, in ${dir}\n`,
);
try {
  const result = await runStress({
    workers,
    ops,
    seed: Number(values.seed),
    runner,
    dir,
    crashAt: values.crash ? 0.4 : undefined,
    downMs: 3000,
    database: values.db,
    instances,
    autoCloseAfter: values['auto-close-after'],
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(
    `${formatStress(result, { workers, ops, what: `a tix process per operation, Node ${process.version}, ${new Date().toISOString()}` })}\n`,
  );
  process.exitCode = result.ok ? 0 : 1;
  if (!result.ok || values.keep) process.stderr.write(`the database is kept: ${result.db}\n`);
  else rmSync(dir, { recursive: true, force: true });
} catch (err) {
  process.stderr.write(`tix stress failed: ${(err as Error).stack}\n`);
  process.exitCode = 1;
}
