// The providers tix knows. Each declares itself in a small info.ts that stays in the main bundle (references,
// statuses and capabilities are read before anything is sent); its code loads only when a profile uses it, so
// `tix ticket list` on tix serve never parses another helpdesk's. Adding a provider: a folder with info.ts and an
// index.ts exporting `implementation`, one line here, and one harness file in test/providers/harnesses/.
import type { Backend, Connection, ProviderImplementation, ProviderModule } from '../api/backend.ts';
import { cleanBackend } from '../api/clean.ts';
import type { ProviderInfo, ProviderName } from '../api/provider.ts';
import { info as jiraSmInfo } from './jira-sm/info.ts';
import { info as rtInfo } from './rt/info.ts';
import { info as tixInfo } from './tix/info.ts';
import { info as zendeskInfo } from './zendesk/info.ts';

type Entry = { info: ProviderInfo; load: () => Promise<ProviderImplementation> };

const known: Record<ProviderName, Entry> = {
  tix: { info: tixInfo, load: async () => (await import('./tix/index.ts')).implementation },
  rt: { info: rtInfo, load: async () => (await import('./rt/index.ts')).implementation },
  'jira-sm': { info: jiraSmInfo, load: async () => (await import('./jira-sm/index.ts')).implementation },
  zendesk: { info: zendeskInfo, load: async () => (await import('./zendesk/index.ts')).implementation },
};

/** A provider's declaration, read without loading its code. */
export function providerInfo(name: ProviderName): ProviderInfo {
  return known[name].info;
}

/** A provider with its code loaded. */
export async function loadProvider(name: ProviderName): Promise<ProviderModule> {
  const info = providerInfo(name);
  const implementation = await known[name].load();
  return { info, connect: (c) => implementation.connect(c, info), http: implementation.http };
}

export function availableProviders(): ProviderName[] {
  return Object.keys(known) as ProviderName[];
}

/** A provider's backend as commands see it: through the one cleaning wrapper. */
export function connect(provider: ProviderModule, connection: Connection): Backend {
  return cleanBackend(provider.connect(connection));
}
