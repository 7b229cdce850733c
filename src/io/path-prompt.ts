// A one-line question for file paths where Tab completes the path being typed, as a shell does, instead of
// inserting a tab character (the plain text prompt's behaviour). Several paths may be given, comma-separated:
// Tab completes the last one. Loaded with the prompt library, only when a prompt is shown.
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPrompt, isEnterKey, isTabKey, makeTheme, type Theme, useEffect, useKeypress, usePrefix, useState } from '@inquirer/core';

export interface PathPromptConfig {
  message: string;
  /** true, or the problem in the reader's language */
  validate?: (value: string) => string | true;
  /** where relative paths start (the current directory) */
  cwd?: string;
  /** an answer given earlier (a draft's), put on the line to be edited */
  default?: string;
  theme?: unknown;
}

/** At most this many names are listed under the prompt when Tab finds several. */
const LISTED = 12;

export interface Completion {
  /** the line with the last path completed as far as it is unambiguous */
  line: string;
  /** the names it may go on with, when there are several */
  candidates: string[];
}

/**
 * Completes the last path of a comma-separated line: the whole name when one entry matches (a directory gets
 * its "/"), the common start of the names when several do (those are returned to be shown). `~/` is the home
 * directory; hidden files are offered once a "." is typed.
 */
export function completePath(line: string, cwd: string): Completion {
  const cut = line.lastIndexOf(',') + 1;
  const lead = /^\s*/.exec(line.slice(cut))![0];
  const typed = line.slice(cut + lead.length);
  const slash = typed.lastIndexOf('/');
  const typedDir = typed.slice(0, slash + 1);
  const base = typed.slice(slash + 1);
  const dir = resolve(cwd, typedDir === '' ? '.' : typedDir.replace(/^~(?=\/)/, homedir()));
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return { line, candidates: [] };
  }
  const names = entries
    .filter((e) => e.name.startsWith(base) && (base.startsWith('.') || !e.name.startsWith('.')))
    .map((e) => (isDirectory(e, dir) ? `${e.name}/` : e.name))
    .sort();
  if (names.length === 0) return { line, candidates: [] };
  return { line: `${line.slice(0, cut)}${lead}${typedDir}${commonStart(names)}`, candidates: names.length > 1 ? names : [] };
}

function isDirectory(entry: Dirent, dir: string): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(join(dir, entry.name)).isDirectory();
  } catch {
    return false;
  }
}

function commonStart(names: string[]): string {
  let common = names[0]!;
  for (const name of names) while (!name.startsWith(common)) common = common.slice(0, -1);
  return common;
}

export default createPrompt<string, PathPromptConfig>((config, done) => {
  const theme = makeTheme<Theme>(config.theme as Theme | undefined);
  const [status, setStatus] = useState<'idle' | 'loading' | 'done'>('idle');
  const [value, setValue] = useState(config.default ?? '');
  const [error, setError] = useState<string | undefined>(undefined);
  const [candidates, setCandidates] = useState<string[]>([]);
  const prefix = usePrefix({ status, theme });
  useEffect((rl) => {
    if (config.default) rl.write(config.default);
  }, []);

  useKeypress(async (key, rl) => {
    if (status !== 'idle') return;
    if (isEnterKey(key)) {
      setStatus('loading');
      const valid = config.validate?.(value) ?? true;
      if (valid === true) {
        setStatus('done');
        done(value);
        return;
      }
      // Enter emptied readline's line: put back what was typed, to be corrected
      rl.write(value);
      setError(valid);
      setStatus('idle');
      return;
    }
    if (isTabKey(key)) {
      // readline has already put the tab in the line: take it out, then complete
      const completion = completePath(rl.line.replace(/\t/g, ''), config.cwd ?? process.cwd());
      rl.clearLine(0);
      rl.write(completion.line);
      setValue(completion.line);
      setCandidates(completion.candidates);
      return;
    }
    setValue(rl.line);
    setError(undefined);
    setCandidates([]);
  });

  const message = theme.style.message(config.message, status);
  const answer = status === 'done' ? theme.style.answer(value) : value;
  const listed = candidates.slice(0, LISTED).join('  ') + (candidates.length > LISTED ? '  …' : '');
  const below = error ? theme.style.error(error) : listed;
  return [`${prefix} ${message} ${answer}`, below];
});
