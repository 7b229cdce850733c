// The providers tix knows, each loaded only when a profile uses it: `tix ticket list` on tix serve never
// parses the code of another helpdesk. Adding a provider: its folder with an index.ts exporting `provider`
// (a ProviderModule), one line here, and one harness file in test/providers/harnesses/.
import type { Backend, Connection, ProviderModule } from '../api/backend.ts';
import { cleanBackend } from '../api/clean.ts';
import { type ProviderName, providerNames } from '../api/provider.ts';
import { ExitCode, TixError } from '../core/errors.ts';

const known: Record<ProviderName, { displayName: string; load?: () => Promise<ProviderModule> }> = {
  tix: { displayName: 'tix serve', load: async () => (await import('./tix/index.ts')).provider },
  rt: { displayName: 'Request Tracker' },
  'jira-sm': { displayName: 'Jira Service Management' },
  zendesk: { displayName: 'Zendesk' },
};

/** Loads a provider's code; a provider whose engineers have not landed yet is refused cleanly (exit 7). */
export async function loadProvider(name: ProviderName): Promise<ProviderModule> {
  const load = known[name].load;
  if (!load)
    throw new TixError(
      ExitCode.unsupported,
      `the ${known[name].displayName} provider (${name}) is not available yet in this version of tix`,
      {
        code: 'provider_unavailable',
        hint: `available: ${availableProviders().join(', ')}`,
        data: { provider: name },
      },
    );
  return load();
}

export function availableProviders(): ProviderName[] {
  return providerNames.filter((n) => known[n].load);
}

/** A provider's backend as commands see it: through the one cleaning wrapper. */
export function connect(provider: ProviderModule, connection: Connection): Backend {
  return cleanBackend(provider.connect(connection));
}
