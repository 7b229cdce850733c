import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeMeanings } from '../src/core/errors.ts';
import { environmentVariables } from '../src/commands/help.ts';
import { repoRoot } from './helpers/cli.ts';

// The README is part of the product: its tables must say what the code does.
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README has a "## ${heading}" section`).toBeGreaterThan(-1);
  const lines = readme
    .slice(start)
    .split('\n')
    .filter((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const l of lines.slice(2)) {
    rows.push(
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
    if (!readme.slice(start).includes(`${l}\n|`)) break;
  }
  return rows;
}

describe('README', () => {
  it('documents every environment variable tix reads, and only those', () => {
    const documented = tableAfter('Environment variables').map((r) => r[0]!.replace(/`/g, ''));
    expect(documented.sort()).toEqual(environmentVariables.map((v) => v.name).sort());
  });

  it('has the exit-code table of the code', () => {
    const documented = tableAfter('Exit codes').map((r) => Number(r[0]));
    expect(documented).toEqual(exitCodeMeanings.map((e) => e.code));
  });

  it('quick start commands are real npm scripts', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
    expect(pkg.scripts.demo).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
    expect(pkg.engines.node).toBe('^22.22.0 || >=24.15.0');
    expect(readFileSync(join(repoRoot, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
  });
});
