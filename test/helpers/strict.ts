/**
 * For tests that need something outside Node (a keyring, a shell, tmux): true when the test may be skipped
 * because it is missing. Under TIX_TEST_STRICT=1 (CI) a missing requirement is an error, never a skip.
 */
export function skipUnless(available: boolean, what: string): boolean {
  if (available) return false;
  if (process.env.TIX_TEST_STRICT === '1') throw new Error(`TIX_TEST_STRICT=1: ${what} is required but not available`);
  process.stderr.write(`! skipping tests that need ${what}\n`);
  return true;
}
