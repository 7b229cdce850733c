// Request Tracker has no idempotency keys: a create or reply whose answer is lost may or may not have been
// recorded, and sending it again blindly could file it twice. So every create and reply carries tix's key in a
// custom field (forms.ts, errors.ts: KEY_FIELD), and before any new attempt tix looks for what an earlier one
// left. The guarantee, stated in the README: nothing is filed twice when the earlier attempt has finished inside
// RT by the time tix looks; tix looks several times, waiting longer each time, and after a timeout (RT may still
// be working) it never sends again but says the outcome is unknown, with the key to look it up later.
import { type HttpSettings, type RawResponse, retryDelay, sleep } from '../../api/http.ts';
import { TixError } from '../../core/errors.ts';
import { rtErrors } from './errors.ts';

export type Settings = Pick<HttpSettings, 'retries' | 'minRetryDelayMs' | 'maxRetryDelayMs' | 'signal'>;

/** Answers that say "not done, or not known to be done": worth a look, then another try. */
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

export interface Write<T> {
  what: 'ticket' | 'reply';
  /** tix's key for this write ('' when none) */
  key: string;
  /** how the user can check by hand */
  check: string;
  /** look before the first attempt too: a key the user gave may have been used by an earlier run */
  lookFirst: boolean;
  /** one attempt; the generic client retries it only when it provably never left */
  send(): Promise<RawResponse>;
  /** what an earlier attempt recorded, if anything (throws IdempotencyConflictError on another request's key) */
  find(): Promise<T | undefined>;
  /** the result of an attempt RT accepted */
  done(res: RawResponse): Promise<T>;
  /** RT's refusal */
  fail(res: RawResponse): TixError;
}

/** Sends a write at most as many times as it takes to be recorded once. `replayed`: an earlier attempt had. */
export async function once<T>(settings: Settings, w: Write<T>): Promise<{ result: T; replayed: boolean }> {
  if (w.lookFirst) {
    const earlier = await w.find();
    if (earlier !== undefined) return { result: earlier, replayed: true };
  }
  const retries = settings.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    let res: RawResponse;
    try {
      res = await w.send();
    } catch (err) {
      // nothing left this machine, Ctrl-C, or anything else than a lost answer: as it is
      if (!(err instanceof TixError) || err.code !== 'outcome_unknown') throw err;
      const found = await look(settings, w);
      if (found !== undefined) return { result: found, replayed: true };
      // after a timeout RT may still be working on it: sending again could file it twice
      if (err.data?.network === 'RESPONSE_TIMEOUT' || attempt >= retries) throw rtErrors.outcomeUnknown(w.what, w.key, w.check, err);
      continue;
    }
    if (RETRY_STATUS.has(res.status) && attempt < retries) {
      const found = await w.find();
      if (found !== undefined) return { result: found, replayed: true };
      await pause(settings, delay(settings, attempt));
      continue;
    }
    if (res.status >= 300) throw w.fail(res);
    return { result: await w.done(res), replayed: false };
  }
}

/** Looks for the write several times, waiting longer each time: an attempt still under way inside RT may land. */
async function look<T>(settings: Settings, w: Write<T>): Promise<T | undefined> {
  for (let i = 0; i < 4; i++) {
    if (i > 0) await pause(settings, delay(settings, i - 1));
    const found = await w.find();
    if (found !== undefined) return found;
  }
  return undefined;
}

function delay(settings: Settings, attempt: number): number {
  return retryDelay(settings, attempt, false);
}

function pause(settings: Settings, ms: number): Promise<void> {
  return sleep(ms, settings.signal);
}
