import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const dist = fileURLToPath(new URL('../dist/', import.meta.url)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/rt-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // two cores: two test files at a time keeps servers, shells and tmux from starving each other
    maxWorkers: 2,
    reporters: ['default'],
    // the CLI tests run the built bundle (test/helpers/cli.ts): Node loads it as users' Node does, untouched
    // by Vite's transforms
    server: { deps: { external: [new RegExp(`^${dist}`)] } },
  },
});
