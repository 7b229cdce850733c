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

describe("the README's CI recipes", () => {
  const recipe = (name: string) => {
    const m = new RegExp(`<!-- recipe: ${name.replace(/\./g, '\\.')} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
    expect(m, `README has a recipe block "${name}"`).not.toBeNull();
    return m![1]!;
  };

  // CI runs next to TIX_TOKEN: a recipe must install the release someone vetted, never whatever a registry
  // serves under a name this project does not own (test/pack/ci-recipes.test.ts runs them)
  it.each(['github-actions.yml', 'gitlab-ci.yml'])('%s installs a pinned release, checked before it is installed', (name) => {
    const text = recipe(name);
    expect(text).not.toMatch(/\bnpx\b|\b(pnpm|yarn) dlx\b|\bnpm exec\b/);
    expect(text, 'installs tix by name from a registry').not.toMatch(/\b(npm|pnpm|yarn)\s+(i|install|add)\b[^\n]*\stix(@\S*)?(\s|$)/);
    expect(/TIX_TARBALL_URL: (\S+)/.exec(text)?.[1], 'the URL names this version').toMatch(
      new RegExp(`^https://\\S+/tix-${pkg.version}\\.tgz$`),
    );
    expect(text).toMatch(/TIX_TARBALL_SHA256: \S/);
    const lines = text.split('\n');
    const download = lines.findIndex((l) => /\bcurl --fail\b.* --output (\S+) "\$TIX_TARBALL_URL"/.test(l));
    const check = lines.findIndex((l) => /"\$TIX_TARBALL_SHA256 {2}\S+" \| sha256sum --check --strict/.test(l));
    const install = lines.findIndex((l) => /\bnpm install --global --ignore-scripts \S+/.test(l));
    const use = lines.findIndex((l) => /\btix ticket create\b/.test(l));
    expect(download, 'downloads the tarball').toBeGreaterThan(-1);
    expect(check, 'checks its sha256 after the download').toBeGreaterThan(download);
    expect(install, 'installs it after the check').toBeGreaterThan(check);
    expect(use, 'runs tix once installed').toBeGreaterThan(install);
    // the file checked is the file downloaded and the file installed
    const file = /--output (\S+)/.exec(lines[download]!)![1]!.replace(/"/g, '');
    expect(lines[check]!.replace(/"/g, '')).toContain(`  ${file} | sha256sum`);
    expect(lines[install]!.replace(/"/g, '').trim()).toMatch(new RegExp(`--ignore-scripts (\\./)?${file.replace(/[$.]/g, '\\$&')}$`));
  });
});
