// What the Jira Service Management provider is, without its code (kept in the main bundle): references are Jira
// issue keys, statuses those of JSM's shipped workflows, and a login takes the service desk to work in.
import type { ProviderInfo } from '../../api/provider.ts';
import { jsmStatuses } from './statuses.ts';

/** A Jira issue key: the project key (a letter, then letters, digits or _), a dash, the issue number. */
const ISSUE_KEY = /^([A-Z][A-Z0-9_]*)-([1-9]\d*)$/;

export const info: ProviderInfo = {
  name: 'jira-sm',
  displayName: 'Jira Service Management',
  // the customer side of JSM: requests and their forms; no read state, contacts, tokens, settings or
  // establishments in its customer API (README: what JSM cannot do in tix)
  capabilities: ['tickets', 'requestTypes'],
  statuses: jsmStatuses,
  // people type keys in any case (sd-42); Jira writes them in capitals
  parseRef: (text) => {
    const key = text.trim().toUpperCase();
    const m = ISSUE_KEY.exec(key);
    return m && Number.isSafeInteger(Number(m[2])) ? key : undefined;
  },
  showRef: (ref) => ref,
  refExample: 'a Jira issue key such as SD-42',
  // Cloud: an API token with the account's e-mail (--email); Data Center: a personal access token alone
  login: { password: false, token: true },
  loginOptions: [
    {
      flag: 'service-desk',
      valueName: 'KEY',
      key: 'serviceDesk',
      env: 'TIX_SERVICE_DESK',
      description: {
        en: 'the service desk to work in: its project key (SD) or id; needed when you can reach more than one',
        fr: "le centre de services où travailler : la clé (SD) ou l'identifiant de son projet ; nécessaire quand vous en atteignez plusieurs",
      },
    },
  ],
};
