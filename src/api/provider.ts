// What a provider is, before any network call or credential: its name, what it can do (capabilities), its
// statuses with their categories, and how its ticket references are written. Commands read this to parse
// input and to refuse early, with one message naming the provider, what the helpdesk cannot do.
import { UnsupportedError, usageError } from '../core/errors.ts';
import type { Localized } from '../core/i18n.ts';
import type { StatusSpec } from '../core/status.ts';

/** Every provider tix knows the name of; `tix auth login --provider NAME`. */
export const providerNames = ['tix', 'rt', 'jira-sm', 'zendesk'] as const;
export type ProviderName = (typeof providerNames)[number];
/** the provider of a profile that names none (every profile before providers came) */
export const defaultProvider: ProviderName = 'tix';

/** The provider a word names (--provider, TIX_PROVIDER); anything else is a usage error naming `where`. */
export function parseProviderName(text: string, where: string): ProviderName {
  const name = text.trim().toLowerCase();
  if ((providerNames as readonly string[]).includes(name)) return name as ProviderName;
  throw usageError(`${where}: unknown provider "${text}"; one of ${providerNames.join(', ')}`, {
    code: 'unknown_provider',
    data: { where, value: text, providers: [...providerNames] },
  });
}

/** What a provider may be able to do. Each one is a part of the Backend, present only when declared. */
export const capabilities = [
  'tickets',
  'requestTypes',
  'readState',
  'contacts',
  'tokens',
  'settings',
  'organisation',
  'notifications',
] as const;
export type Capability = (typeof capabilities)[number];

/** How error messages name a capability: "Request Tracker (provider rt) does not support account contacts". */
export const capabilityNames: Record<Capability, string> = {
  tickets: 'tickets',
  requestTypes: 'request types',
  readState: 'read state (unread messages, the inbox)',
  contacts: 'account contacts',
  tokens: 'personal access tokens',
  settings: 'organisation settings',
  organisation: 'establishments',
  notifications: 'e-mail notification settings',
};

export interface ProviderInfo {
  /** one of providerNames for the providers tix ships (a test double may have its own) */
  name: string;
  /** how messages name the helpdesk: "tix serve", "Request Tracker" */
  displayName: string;
  capabilities: readonly Capability[];
  /** every status the helpdesk uses, each with its category and whether it takes replies */
  statuses: readonly StatusSpec[];
  /** "42" or "#42" → "42"; undefined when the text is not a reference of this helpdesk */
  parseRef(text: string): string | undefined;
  /** a reference as people read it: "#42", "SD-42" */
  showRef(ref: string): string;
  /** what a reference looks like, for error messages: "a ticket number such as 42" (per language, or one text) */
  refExample: string | Localized;
  /** how one logs in: an e-mail and password (exchanged for a token), a token, or both */
  login: {
    password: boolean;
    token: boolean;
    /**
     * What a token login keeps, from the token piped in and the --email given with it, when the helpdesk needs
     * both (Zendesk: an API token travels joined to its e-mail, `email/token:API_TOKEN`). Absent: the token.
     */
    credential?(token: string, email: string | undefined): string;
  };
  /** what else `tix auth login` takes for this helpdesk (e.g. Jira's --service-desk), kept in the profile */
  loginOptions?: readonly LoginOption[];
}

/**
 * A setting of the profile that a provider asks for at login: a flag of `tix auth login`, an environment
 * variable for CI (which wins over the profile), and the key it is kept under in the profile's `settings`.
 */
export interface LoginOption {
  /** the flag without its dashes: "service-desk" gives `--service-desk <value>` */
  flag: string;
  /** how help names the value: "KEY" gives `--service-desk <KEY>` */
  valueName: string;
  /** the key in the profile's settings, e.g. "serviceDesk" */
  key: string;
  /** the environment variable that overrides the profile's value, e.g. TIX_SERVICE_DESK */
  env: string;
  /** what `tix auth login --help` says of it, per language */
  description: Localized;
}

/** Provider settings kept in a profile (non-secret: which service desk…), by LoginOption key. */
export type ProviderSettings = Record<string, string>;

/** The one refusal for a command the provider cannot serve (exit 7). */
export function unsupported(info: Pick<ProviderInfo, 'name' | 'displayName'>, capability: Capability): UnsupportedError {
  return new UnsupportedError(info, capabilityNames[capability], {
    hint: "the README's provider matrix shows what each helpdesk supports in tix",
    data: { capability },
  });
}
