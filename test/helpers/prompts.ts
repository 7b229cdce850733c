import { screen } from '@inquirer/testing/vitest';
import type { Result } from './cli.ts';

/** Waits until @inquirer/testing's virtual screen shows text matching `expected`, or the command ends. */
export async function waitFor(expected: RegExp, run: Promise<Result>): Promise<string> {
  let finished = false;
  void run.finally(() => (finished = true));
  for (let i = 0; i < 200; i++) {
    const text = screen.getScreen();
    if (expected.test(text)) return text;
    if (finished) throw new Error(`the command ended before showing ${expected}: ${JSON.stringify(await run)}`);
    await Promise.race([screen.next(), new Promise((r) => setTimeout(r, 25))]);
  }
  throw new Error(`the screen never showed ${expected}; it shows:\n${screen.getScreen()}`);
}
