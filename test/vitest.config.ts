import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { postgresBinDir } from './helpers/postgres-cluster.ts';

// Two projects: `sqlite` runs every test file on SQLite; `postgres` runs the server and store suites again on
// PostgreSQL (a private cluster the global setup starts), plus the tests only PostgreSQL has (several
// instances over one database). The suites pick their database from TIX_TEST_DB (test/helpers/database.ts).
const postgresOnly = ['test/postgres/**/*.test.ts'];
// A machine without PostgreSQL's programs (a newcomer's, before `apt-get install postgresql`) runs the sqlite
// project alone, saying so; CI (TIX_TEST_STRICT=1) always runs both, and its global setup fails without them.
const withPostgres = process.env.TIX_TEST_STRICT === '1' || Boolean(process.env.TIX_TEST_POSTGRES) || postgresBinDir() !== undefined;
if (!withPostgres) process.stderr.write('! skipping the postgres project: PostgreSQL is not installed (see README, Development)\n');
const dist = fileURLToPath(new URL('../dist/', import.meta.url)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/rt-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // two cores: two test files at a time keeps servers, shells and tmux from starving each other
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: postgresOnly, env: { TIX_TEST_DB: 'sqlite' } },
      },
      ...(withPostgres
        ? [
            {
              extends: true,
              test: {
                name: 'postgres',
                include: ['test/server/**/*.test.ts', 'test/store/**/*.test.ts', ...postgresOnly],
                // what only SQLite has (its write-ahead log's checkpoints) runs in the sqlite project alone
                exclude: ['test/store/sqlite-*.test.ts'],
                env: { TIX_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
    // the CLI tests run the built bundle (test/helpers/cli.ts): Node loads it as users' Node does, untouched
    // by Vite's transforms
    server: { deps: { external: [new RegExp(`^${dist}`)] } },
  },
});
