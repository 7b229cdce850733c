import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeMeanings } from '../../src/core/errors.ts';
import { tix } from '../helpers/cli.ts';

// Scripts depend on these numbers. Changing one must fail this test and be a deliberate, documented break.
describe('exit codes', () => {
  it('are pinned', () => {
    expect(ExitCode).toEqual({
      ok: 0,
      failure: 1,
      usage: 2,
      notFound: 3,
      auth: 4,
      state: 5,
      transient: 6,
      unsupported: 7,
      waitTimeout: 8,
      cancelled: 130,
    });
    expect(exitCodeMeanings.map((e) => e.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 130]);
    for (const e of exitCodeMeanings) expect(ExitCode[e.name]).toBe(e.code);
  });

  it('are printed by tix help exit-codes, one line each', async () => {
    const r = await tix(['help', 'exit-codes']);
    expect(r.code).toBe(0);
    for (const e of exitCodeMeanings)
      expect(r.stdout).toMatch(new RegExp(`^\\s+${e.code}  ${e.meaning.slice(0, 20).replace(/[()]/g, '.')}`, 'm'));
  });
});
