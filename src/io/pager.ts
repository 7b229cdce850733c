import type { Env, IOStreams } from './iostreams.ts';

/** The pager: TIX_PAGER, then tix config's pager, then PAGER, then less. "cat" or an empty value turns it off. */
export function pagerCommand(env: Env, configured?: string): string | undefined {
  const cmd = (env.TIX_PAGER ?? configured ?? env.PAGER ?? 'less').trim();
  return cmd === '' || cmd === 'cat' ? undefined : cmd;
}

/**
 * Shows long output through the pager, only when stdout is a terminal; otherwise (or when the pager cannot
 * start) writes it straight out. less gets -FRX unless LESS says otherwise: one screen needs no paging,
 * colours pass through, the text stays on screen after quitting; and LESSCHARSET=utf-8 unless set.
 */
export async function page(io: IOStreams, env: Env, text: string, configured?: string): Promise<void> {
  const cmd = io.isStdoutTTY ? pagerCommand(env, configured) : undefined;
  if (!cmd) return io.out(text);
  const ok = await new Promise<boolean>((resolve) => {
    const child = process.getBuiltinModule('node:child_process').spawn(cmd, {
      shell: true,
      stdio: ['pipe', 'inherit', 'inherit'],
      // tix writes UTF-8 whatever the locale says: without this, less shows "é" as <C3><A9> where the locale is
      // missing or not UTF-8
      env: { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c', LESSCHARSET: env.LESSCHARSET ?? 'utf-8' },
    });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code !== 127));
    child.stdin.on('error', () => undefined); // the reader quit early: fine
    child.stdin.end(text);
  });
  if (!ok) io.out(text);
}
