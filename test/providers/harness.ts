// What the provider contract suite needs to know about one helpdesk: how to start it (or reach it), how each
// persona logs in, which fixtures exist, and how support acts on a ticket there. Adding a provider to the suite
// is one file in test/providers/harnesses/ that exports `harness`; the suite finds it by itself.
import { readdirSync } from 'node:fs';
import type { ProviderModule } from '../../src/api/backend.ts';
import type { Env } from '../../src/io/iostreams.ts';

/**
 * The people every helpdesk's fixtures have: a customer, a colleague of the same organisation (who sees the
 * customer's tickets), and a support agent.
 */
export type Persona = 'customer' | 'colleague' | 'agent';

export interface ProviderHarness {
  /** names the suite's describe block */
  name: string;
  /** the provider's name, as `tix auth login --provider` takes it and `tix auth status --json provider` reports it */
  provider: string;
  fixtures: Fixtures;
  /**
   * For helpdesks reached over HTTP: the first request line of a ticket list, a create and a reply, so the
   * retry tests can fault exactly those through a proxy (e.g. /^POST \/api\/v1\/tickets$/).
   */
  wire?: {
    list: RegExp;
    create: RegExp;
    reply: RegExp;
    /**
     * How a create whose answer was lost is recovered: sent again with its idempotency key (`replay`, the
     * default), or looked for on a helpdesk without keys (`lookup`: found there, it is never sent twice).
     */
    recovery?: 'replay' | 'lookup';
    /** the CLI's request timeout during the retry tests (default 2 s; a slow helpdesk needs more) */
    requestTimeoutMs?: number;
  };
  /**
   * Why this helpdesk cannot run on this machine (not installed…), or undefined when it can. The suite is then
   * skipped with that reason, and fails instead under TIX_TEST_STRICT=1 (CI).
   */
  unavailable?(): Promise<string | undefined>;
  start(): Promise<RunningHelpdesk>;
}

/** What exists in the helpdesk once started. */
export interface Fixtures {
  /** a request type whose form needs only a summary and a description */
  simpleType: string;
  /** a second type, with a required choice field, and the value to give it */
  choiceType: { type: string; field: string; value: string };
  /** where the customer files (tix serve: a SIRET); absent on helpdesks without establishments */
  establishment?: string;
  /** a reference of this helpdesk's syntax that no ticket has */
  missingRef: string;
  /** the helpdesk files follow-ups of closed tickets (tix ticket create --follow-up) */
  followUps: boolean;
}

export interface RunningHelpdesk {
  /** the web address `tix auth login --server` takes (it may have a path: https://rt.example.com/rt) */
  server: string;
  /** for helpdesks that live in the test process: the provider module the CLI uses instead of the registry */
  inProcess?: ProviderModule;
  /** what `tix auth login` takes to log in as this persona, the way a user would: flags and standard input */
  login(who: Persona): { args: string[]; stdin: string };
  /**
   * The environment that makes the CLI act as this persona the CI way, without a profile: TIX_TOKEN (and
   * whatever else the helpdesk's login needs). The suite adds TIX_SERVER and TIX_PROVIDER.
   */
  env(who: Persona): Promise<Env>;
  /** each persona's e-mail, as tickets show their creator */
  email(who: Persona): string;
  /** support answers a ticket, the helpdesk's own way */
  answer(ref: string, body: string): Promise<void>;
  /** support closes a ticket for good (its status then is in the closed category), the helpdesk's own way */
  close(ref: string): Promise<void>;
  /** after each test: throws when the helpdesk saw something wrong (a vendor stub: a request its document rejects) */
  check?(): void;
  stop(): Promise<void>;
}

/** Every harness file of test/providers/harnesses/, in name order. */
export async function loadHarnesses(): Promise<ProviderHarness[]> {
  const dir = new URL('./harnesses/', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  return Promise.all(files.map(async (f) => ((await import(new URL(f, dir).href)) as { harness: ProviderHarness }).harness));
}
