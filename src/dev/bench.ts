// `npm run bench`: median wall time of the commands people and scripts run most, against a local server,
// as a ratio to starting bare Node (`node -e ''`). Numbers are reported, never asserted: timing thresholds
// in tests only make CI flaky. Usage: node src/dev/bench.ts [runs] (default 21).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 21);
const bin = fileURLToPath(new URL('../../bin/tix.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tix-bench-'));
const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: work, TIX_CONFIG_DIR: join(work, 'config'), NO_COLOR: '1' };

function time(args: string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Warm up (fills Node's compile cache), then time the commands in interleaved rounds: a machine that speeds up
 * or slows down during the run (other tenants, frequency scaling) shifts every command alike, so the ratios
 * stay honest.
 */
function measureAll(cases: Array<[string, string[]]>): number[] {
  for (const [, args] of cases) for (let i = 0; i < 3; i++) time(args);
  const samples: number[][] = cases.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (const [i, [, args]] of cases.entries()) samples[i]!.push(time(args));
  }
  return samples.map(median);
}

const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', ':memory:', '--demo'], {
  env,
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = await new Promise<string>((resolve, reject) => {
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
    const m = /listening on (\S+)/.exec(err);
    if (m) resolve(m[1]!);
  });
  child.on('exit', (c) => reject(new Error(`server exited ${c}: ${err}`)));
});

try {
  const login = spawnSync(
    process.execPath,
    [bin, 'auth', 'login', '--server', url, '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'],
    { env, input: 'demo-password', encoding: 'utf8' },
  );
  if (login.status !== 0) throw new Error(`login failed: ${login.stderr}`);

  // 50 tickets for the list to show
  for (let i = 0; i < 50; i++) {
    const r = spawnSync(
      process.execPath,
      [
        bin,
        'ticket',
        'create',
        '--type',
        'question',
        '--establishment',
        '81234567600017',
        '--summary',
        `Bench question ${i}`,
        '--description',
        'How?',
      ],
      { env, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`seeding tickets failed: ${r.stderr}`);
  }

  const cases: Array<[string, string[]]> = [
    ["node -e ''", ['-e', '']],
    ['tix --version', [bin, '--version']],
    ['tix auth status', [bin, 'auth', 'status']],
    ['tix establishment list --json', [bin, 'establishment', 'list', '--json']],
    ['tix ticket list --json (50)', [bin, 'ticket', 'list', '--limit', '50', '--json']],
    [
      'tix ticket create (flags)',
      [
        bin,
        'ticket',
        'create',
        '--type',
        'incident',
        '--establishment',
        '81234567600017',
        '--summary',
        'Bench incident',
        '--description',
        'Timing',
        '--field',
        'severity=low',
      ],
    ],
  ];
  const medians = measureAll(cases);
  const results = cases.map(([name], i) => ({ name, ms: medians[i]! }));
  const base = results[0]!.ms;
  process.stdout.write(`median of ${runs} interleaved rounds, Node ${process.version}, ${new Date().toISOString()}\n\n`);
  process.stdout.write(`${'command'.padEnd(34)}${'median'.padStart(10)}${'ratio'.padStart(8)}\n`);
  for (const r of results)
    process.stdout.write(`${r.name.padEnd(34)}${`${r.ms.toFixed(1)} ms`.padStart(10)}${`${(r.ms / base).toFixed(2)}x`.padStart(8)}\n`);
  process.stdout.write('\nbudget: tix --version at most 1.5x bare node\n');
} finally {
  child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
