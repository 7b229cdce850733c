import { screen } from '@inquirer/testing/vitest';
import type { Result } from './cli.ts';

/**
 * Waits until @inquirer/testing's virtual screen shows text matching `expected`, or the command ends. The
 * deadline is generous: a prompt may wait on a slow helpdesk (Request Tracker's forms take several requests) on
 * a loaded machine, and a command that ends or is stuck is noticed anyway.
 */
export async function waitFor(expected: RegExp, run: Promise<Result>, deadlineMs = 60_000): Promise<string> {
  let finished = false;
  void run.finally(() => (finished = true));
  for (const end = Date.now() + deadlineMs; Date.now() < end; ) {
    const text = screen.getScreen();
    if (expected.test(text)) return text;
    if (finished) throw new Error(`the command ended before showing ${expected}: ${JSON.stringify(await run)}`);
    await Promise.race([screen.next(), new Promise((r) => setTimeout(r, 25))]);
  }
  throw new Error(`the screen never showed ${expected}; it shows:\n${screen.getScreen()}`);
}
