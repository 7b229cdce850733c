import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import pathPrompt, { completePath } from '../../src/io/path-prompt.ts';
import { tempDir } from '../helpers/cli.ts';

// The attachment question of ticket create (issue 10): Tab completes the path being typed, as a shell does;
// before, it put a tab character in the answer.
function files(): string {
  const dir = tempDir('tix-paths-');
  writeFileSync(join(dir, 'report-november.pdf'), 'x');
  writeFileSync(join(dir, 'report-october.pdf'), 'x');
  writeFileSync(join(dir, 'trace.txt'), 'x');
  writeFileSync(join(dir, '.hidden'), 'x');
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs', 'app.log'), 'x');
  return dir;
}

describe('completePath', () => {
  const dir = files();
  it('completes a unique name, a directory with its slash, and the last of comma-separated paths', () => {
    expect(completePath('tr', dir)).toEqual({ line: 'trace.txt', candidates: [] });
    expect(completePath('lo', dir)).toEqual({ line: 'logs/', candidates: [] });
    expect(completePath('logs/a', dir)).toEqual({ line: 'logs/app.log', candidates: [] });
    expect(completePath('trace.txt, rep', dir)).toEqual({
      line: 'trace.txt, report-',
      candidates: ['report-november.pdf', 'report-october.pdf'],
    });
    expect(completePath(`${dir}/report-n`, '/')).toEqual({ line: `${dir}/report-november.pdf`, candidates: [] });
  });

  it('offers hidden files once a dot is typed; leaves the line alone when nothing matches', () => {
    expect(completePath('', dir).candidates).toEqual(['logs/', 'report-november.pdf', 'report-october.pdf', 'trace.txt']);
    expect(completePath('.h', dir)).toEqual({ line: '.hidden', candidates: [] });
    expect(completePath('nope', dir)).toEqual({ line: 'nope', candidates: [] });
    expect(completePath('missing/dir/x', dir)).toEqual({ line: 'missing/dir/x', candidates: [] });
  });
});

describe('the path prompt', () => {
  it('Tab completes the path and never puts a tab character in the answer', async () => {
    const dir = files();
    const { answer, events, getScreen } = await render(pathPrompt, { message: 'Files to attach', cwd: dir });
    events.type('rep');
    events.keypress('tab');
    // several names go on from "report-": the common start is completed, the names are listed
    expect(getScreen()).toMatch(/Files to attach report-\n.*report-november\.pdf {2}report-october\.pdf/);
    events.type('n');
    events.keypress('tab');
    expect(getScreen()).toContain('Files to attach report-november.pdf');
    events.type(', tr');
    events.keypress('tab');
    events.keypress('enter');
    await expect(answer).resolves.toBe('report-november.pdf, trace.txt');
  });

  it('Tab with nothing to complete changes nothing; the validation message shows and the text stays', async () => {
    const dir = files();
    const { answer, events, getScreen } = await render(pathPrompt, {
      message: 'Files to attach',
      cwd: dir,
      validate: (v: string) => (v.includes('nope') ? 'nope: no such file' : true),
    });
    events.type('nope');
    events.keypress('tab');
    events.keypress('enter');
    expect(getScreen()).toMatch(/Files to attach nope\n.*nope: no such file/);
    for (let i = 0; i < 4; i++) events.keypress('backspace');
    events.type('trace.txt');
    events.keypress('enter');
    await expect(answer).resolves.toBe('trace.txt');
  });
});
