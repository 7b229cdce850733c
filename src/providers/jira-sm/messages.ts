// Every sentence the Jira Service Management provider says to a person, in English, in one place (the i18n work
// turns them into catalogs). Errors carry stable codes and data besides these words: scripts read those.
import type { StatusAction } from '../../core/status.ts';

const list = (items: string[]) => items.join(', ') || 'none';

export const say = {
  unreachableHint: () => 'check the site address given to --server (e.g. https://acme.atlassian.net)',
  basicNeedsEmail: () => 'Jira Cloud takes an API token together with the account e-mail, and none is known',
  basicNeedsEmailHint: () =>
    'log in again with --email and --with-token, or set TIX_EMAIL next to TIX_TOKEN (Data Center: log in with the personal access token alone)',

  desk: (d: { projectKey: string; projectName: string; id: string }) => `${d.projectKey} "${d.projectName}" (id ${d.id})`,
  deskChosen: (desk: string, only: boolean) => `Service desk: ${desk}${only ? ', the only one you can reach' : ''}`,
  noSuchDesk: (wanted: string, desks: string[]) => `--service-desk: no service desk "${wanted}" that you can reach; yours: ${list(desks)}`,
  noDesk: () => 'this account can reach no service desk on this site',
  chooseDesk: (desks: string[]) => `you can reach several service desks: ${list(desks)}; say which one`,
  chooseDeskHint: (key: string) =>
    `tix auth login --provider jira-sm … --service-desk ${key} keeps the choice in the profile; in CI, set TIX_SERVICE_DESK=${key}`,

  requestNotFound: (key: string) => `request ${key} does not exist, or is not visible to you`,
  unknownType: (id: string, ids: string[]) => `unknown request type "${id}"; this service desk has ${list(ids)}`,
  unknownCategory: (id: string, ids: string[]) => `--category: unknown "${id}"; this service desk has ${list(ids)}`,
  typeListHint: () => 'tix type list shows the request types and their categories',

  wordsHelp: () => 'words separated by spaces (Jira labels take no spaces)',
  unsupportedFieldHelp: (kind: string) => `a Jira field of kind ${kind}, which tix cannot fill: the text is sent as it is`,
  onBehalfOfLabel: () => 'On behalf of',
  onBehalfOfHelp: () => "the customer's e-mail (or Atlassian account id) to raise the request for; you by default",
  notAField: (ids: string[]) => `not a field of this form; its fields are ${list(ids)}`,
  notANumber: () => 'expected a number, e.g. 12 or 2.5',
  notAChoice: (values: string[]) => `one of ${list(values)}`,
  noSuchCustomer: (who: string) => `no customer ${who} on this service desk`,
  createRefused: (message: string) => `Jira Service Management refused the request: ${message}`,
  followUpLine: (key: string) => `Follow-up to ${key}`,

  replyRefused: (message: string) => `Jira Service Management refused the reply: ${message}`,
  filedButNotAttached: (key: string) => `request ${key} was filed, but its files could not be attached`,
  filedButNotAttachedHint: (key: string) => `attach them with: tix ticket reply ${key} --body "…" --attach FILE`,

  actionWords: { resolve: 'resolve', close: 'cancel or close', reopen: 'reopen' } satisfies Record<StatusAction, string>,
  notOffered: (action: string, key: string, status: string, offered: string[]) =>
    `Jira Service Management offers no way to ${action} ${key} (${status}); what it offers you: ${list(offered)}`,
  notOfferedHint: () => 'the workflow of the service desk decides which transitions customers may make',
  transitionRefused: (message: string) => `Jira Service Management refused the transition: ${message}`,

  outcomeUnknown: (what: string) => `the answer to ${what} was lost, and tix could not find what it wrote; the outcome is unknown`,
  outcomeUnknownHint: (key: string) =>
    `running the same command again with --idempotency-key ${key} is safe: tix looks for that key's mark on the service desk first`,
  checkList: () => 'check with: tix ticket list --mine --limit 5',
  checkView: (key: string) => `check with: tix ticket view ${key}`,
};
