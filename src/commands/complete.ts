import { Argument, type Command } from 'commander';
import { type Backend, need } from '../api/backend.ts';
import type { ProviderInfo } from '../api/provider.ts';
import { type StatusCategory, statusCategoryMeanings, statusWords } from '../core/status.ts';
import type { ConfigData } from '../auth/config.ts';
import { dynamicKinds, type DynamicKind } from '../cli/completion/hints.ts';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { IOStreams } from '../io/iostreams.ts';

export interface Options {
  io: IOStreams;
  what: DynamicKind;
  /** a backend that gives up fast: no retries, short timeouts */
  backend: () => Promise<Backend>;
  /** what the profile's provider declares (statuses complete without a network call) */
  providerInfo: () => ProviderInfo;
  config: () => ConfigData;
  timeoutMs?: number;
}

/** The longest a shell waits on a completion, whatever the network and the keychain do. */
const TIMEOUT_MS = 1500;

// Hidden: the completion scripts call it for what only the server (or the config file) knows. It prints one
// candidate per line, "value<TAB>description", and on any failure (offline, logged out, slow) nothing at all,
// exiting 0: a completion must never print errors into someone's command line.
export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('__complete', { hidden: true })
    .description('Print completion candidates, one per line (used by the completion scripts)')
    .addArgument(new Argument('<what>', dynamicKinds.join(', ')).choices(dynamicKinds))
    .action(async (what: DynamicKind) => runF({ io: f.io, what, backend: f.quickBackend, providerInfo: f.providerInfo, config: f.config }));
  return examples(cmd, ['tix __complete ticket-ids', 'tix __complete types']);
}

export async function run(o: Options): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), o.timeoutMs ?? TIMEOUT_MS);
  });
  try {
    const lines = await Promise.race([candidates(o).catch(() => []), timeout]);
    for (const line of lines) o.io.out(`${line}\n`);
  } finally {
    clearTimeout(timer);
  }
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

async function candidates(o: Options): Promise<string[]> {
  switch (o.what) {
    case 'profiles':
      return Object.entries(o.config().profiles ?? {}).map(([name, p]) => `${name}\t${p.email ? `${p.email} on ` : ''}${p.server}`);
    case 'types':
      return (await need(await o.backend(), 'requestTypes').catalog()).types.map((t) => `${t.id}\t${clean(t.label)} (${t.category})`);
    case 'ticket-ids':
      return (await need(await o.backend(), 'tickets').list({ limit: 50 })).items.map((t) => `${t.ref}\t${clean(t.summary)} (${t.status})`);
    case 'statuses': {
      // the helpdesk's own names, then the categories that work everywhere
      const info = o.providerInfo();
      return statusWords(info.statuses).map((word) => {
        const own = info.statuses.find((s) => s.name === word);
        return `${word}\t${own ? own.category : `any ${word} status: ${statusCategoryMeanings[word as StatusCategory]}`}`;
      });
    }
  }
}
