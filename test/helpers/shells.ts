import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../../src/io/iostreams.ts';
import { repoRoot, tempDir, tixBin } from './cli.ts';

// Completion scripts loaded in the real shells, asked what they complete. Each function takes a command line
// as typed (a trailing space starts a new word) and returns the candidates, plus what the shell printed on
// stderr (completion must never print errors into a command line).

export const shellAvailable = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const zptyAvailable = shellAvailable('zsh') && spawnSync('zsh', ['-fc', 'zmodload zsh/zpty']).status === 0;
export const available = { bash: shellAvailable('bash'), zsh: zptyAvailable, fish: shellAvailable('fish') };

export interface Completed {
  candidates: string[];
  stderr: string;
}

/** A directory with a `tix` that runs this checkout's bin/tix.js: put it first on PATH. */
export function tixShim(): string {
  const dir = tempDir('tix-shim-');
  writeFileSync(join(dir, 'tix'), `#!/bin/sh\nexec '${process.execPath}' '${tixBin}' "$@"\n`);
  chmodSync(join(dir, 'tix'), 0o755);
  return dir;
}

// Asynchronous on purpose: the test server answering `tix __complete` runs in this very process.
function run(cmd: string, args: string[], env: Env): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, encoding: 'utf8', timeout: 30_000, cwd: repoRoot }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed (${err.message}): ${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');

// bash: source the script, set COMP_WORDS / COMP_CWORD / COMP_LINE / COMP_POINT as readline would (words
// broken at blanks and around '=' and ':', which COMP_WORDBREAKS holds by default), call the function.
const bashDriver = `
source completions/tix.bash
line=$1
COMP_WORDS=()
for w in $line; do
  while [[ $w =~ ^([^=:]*)([=:])(.*)$ ]]; do
    [[ -n \${BASH_REMATCH[1]} ]] && COMP_WORDS+=("\${BASH_REMATCH[1]}")
    COMP_WORDS+=("\${BASH_REMATCH[2]}")
    w=\${BASH_REMATCH[3]}
  done
  [[ -n $w ]] && COMP_WORDS+=("$w")
done
[[ $line == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=\${#line}
_tix
printf '%s\\n' "\${COMPREPLY[@]}"
`;

export async function bashComplete(line: string, env: Env): Promise<Completed> {
  const r = await run('bash', ['--norc', '--noprofile', '-c', bashDriver, 'bash', line], env);
  return { candidates: lines(r.stdout), stderr: r.stderr };
}

// zsh: compsys only runs inside the line editor, so an interactive zsh runs in a pseudo-terminal (zpty),
// loads compinit and the script, and has TAB bound to a completion widget that records every match
// compadd is given (calls that only compute, with -O/-A/-D, pass through) and then an end marker.
const zshRc = `
PS1='' PROMPT='' RPROMPT=''
unsetopt auto_list list_beep beep
autoload -Uz compinit && compinit -u -D
source completions/tix.zsh
zstyle ':completion:*' insert-tab false
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-[[:alpha:]]#[OAD]* ]]; then
    builtin compadd "$@"
    return
  fi
  local -a __hits
  builtin compadd -O __hits "$@"
  (( \${#__hits} )) && print -rl -- $__hits >> "$TIX_CAPTURE"
  builtin compadd "$@"
}
_tix_capture() { _main_complete "$@"; print -r -- '<<END>>' >> "$TIX_CAPTURE"; }
zle -C tix-capture complete-word _tix_capture
bindkey -e
bindkey '^I' tix-capture
print -r -- '<<READY>>'
`;

const zshDriver = `
zmodload zsh/zpty || exit 3
local rc=$1 line out
shift
zpty z zsh -f -i
zpty -w z "source \${(q)rc}"
zpty -r z out '*<<READY>>*' || exit 4
local -i i
for line in "$@"; do
  : > $TIX_CAPTURE
  zpty -w -n z "$line"$'\\t'
  for (( i = 0; i < 1000; i++ )); do
    while zpty -rt z out 2>/dev/null; do print -rn -- "$out" >&2; done
    grep -q '<<END>>' $TIX_CAPTURE && break
    sleep 0.02
  done
  cat $TIX_CAPTURE
  print -r -- '<<END>>' >&2
  zpty -w -n z $'\\C-a\\C-k'
done
zpty -d z
`;

/** Several lines in one zsh session (starting compinit once); one result per line, in order. */
export async function zshComplete(lines_: string[], env: Env): Promise<Completed[]> {
  const dir = tempDir('tix-zsh-');
  writeFileSync(join(dir, 'rc.zsh'), zshRc);
  writeFileSync(join(dir, 'drive.zsh'), zshDriver);
  const capture = join(dir, 'capture');
  const r = await run('zsh', ['-f', join(dir, 'drive.zsh'), join(dir, 'rc.zsh'), ...lines_], { ...env, TIX_CAPTURE: capture });
  const blocks = r.stdout.split('<<END>>\n');
  // what the terminal showed while completing each line (the line itself, and any error zsh or tix printed)
  const screens = r.stderr.split('<<END>>\n');
  if (blocks.length !== lines_.length + 1)
    throw new Error(`zsh answered ${blocks.length - 1} completions for ${lines_.length} lines:\n${r.stdout}\n${r.stderr}`);
  return lines_.map((line, i) => ({
    candidates: [...new Set(lines(blocks[i]!))],
    stderr: screens[i]!.replaceAll(line, '')
      .replace(/\u001b\[[0-9;?]*[A-Za-z]|[\r\x07\b]/g, '')
      .trim(),
  }));
}

export async function fishComplete(line: string, env: Env): Promise<Completed> {
  const r = await run('fish', ['--no-config', '-c', 'source completions/tix.fish; complete -C $argv[1]', line], env);
  return { candidates: lines(r.stdout).map((l) => l.split('\t')[0]!), stderr: r.stderr };
}

/** fish's candidates with their descriptions, as its pager shows them ("value", "description"). */
export async function fishDescribed(line: string, env: Env): Promise<Array<[string, string]>> {
  const r = await run('fish', ['--no-config', '-c', 'source completions/tix.fish; complete -C $argv[1]', line], env);
  return lines(r.stdout).map((l) => {
    const [value, description = ''] = l.split('\t');
    return [value!, description];
  });
}

/**
 * What zsh would describe: the script's `_tix_commands PATH` / `_tix_options PATH` (name:description pairs for
 * _describe), called in a zsh that loaded the script.
 */
export async function zshDescribed(fn: '_tix_commands' | '_tix_options', path: string, env: Env): Promise<Array<[string, string]>> {
  // these functions need no completion system: compdef (the script's last line) is all it asks of compinit
  const script = `compdef() { :; }; source completions/tix.zsh; ${fn} "$1"; print -rl -- $reply`;
  const r = await run('zsh', ['-f', '-c', script, 'zsh', path], env);
  return lines(r.stdout).map((l) => {
    const at = l.search(/(?<!\\):/);
    return at < 0 ? [l, ''] : [l.slice(0, at), l.slice(at + 1)];
  });
}
