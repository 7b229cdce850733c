// Statuses as every helpdesk has them: each provider declares its own status names (tix serve's five, Request
// Tracker's lifecycle, Jira's workflow…), each in one of five categories. Commands, filters, colours and the
// closed-ticket check work on categories, so a new helpdesk brings its names and nothing else changes.

/**
 * new: nobody answered yet · open: support's turn · waiting: waiting on the customer · resolved: done, may
 * still be answered or reopened · closed: final.
 */
export const statusCategories = ['new', 'open', 'waiting', 'resolved', 'closed'] as const;
export type StatusCategory = (typeof statusCategories)[number];

export const statusCategoryMeanings: Record<StatusCategory, string> = {
  new: 'nobody has answered yet',
  open: "support's turn",
  waiting: 'waiting on the customer',
  resolved: 'done; may still be reopened',
  closed: 'final',
};

/** Categories still waiting on someone: what "open tickets" means in duplicate checks. */
export const activeCategories: readonly StatusCategory[] = ['new', 'open', 'waiting'];

/** One status of a provider. */
export interface StatusSpec {
  /** the provider's own name, as its API says it (and as `--json` and piped output show it) */
  name: string;
  category: StatusCategory;
  /** false: a reply is refused (closed tickets); the way on is a follow-up ticket */
  acceptsReplies: boolean;
  /** the label people read on a French locale, when the helpdesk has one */
  labelFr?: string;
}

export type StatusAction = 'resolve' | 'close' | 'reopen';

export function statusSpec(statuses: readonly StatusSpec[], name: string): StatusSpec | undefined {
  return statuses.find((s) => s.name === name);
}

/** The provider's status names in these categories. */
export function statusesIn(statuses: readonly StatusSpec[], categories: readonly StatusCategory[]): string[] {
  return statuses.filter((s) => categories.includes(s.category)).map((s) => s.name);
}

/**
 * Whether a ticket takes replies. A status the provider did not declare (a helpdesk's custom workflow) is
 * judged by its category: everything but closed takes replies.
 */
export function acceptsReplies(statuses: readonly StatusSpec[], ticket: { status: string; statusCategory: StatusCategory }): boolean {
  return statusSpec(statuses, ticket.status)?.acceptsReplies ?? ticket.statusCategory !== 'closed';
}

/**
 * What `--status` words mean: a provider's own status name first (case aside), else a category, which stands
 * for every status in it. Returns the status names to ask for, or the words that are neither.
 */
export function resolveStatusWords(statuses: readonly StatusSpec[], words: readonly string[]): { names: string[]; unknown: string[] } {
  const names = new Set<string>();
  const unknown: string[] = [];
  for (const word of words) {
    const own = statuses.find((s) => s.name.toLowerCase() === word.toLowerCase());
    if (own) names.add(own.name);
    else if ((statusCategories as readonly string[]).includes(word.toLowerCase()))
      for (const name of statusesIn(statuses, [word.toLowerCase() as StatusCategory])) names.add(name);
    else unknown.push(word);
  }
  return { names: [...names], unknown };
}

/** Every word `--status` takes on this helpdesk: its own status names, then the categories (but a name). */
export function statusWords(statuses: readonly StatusSpec[]): string[] {
  const names = statuses.map((s) => s.name);
  return [...names, ...statusCategories.filter((c) => !names.includes(c))];
}

/** The label to show: the French one when the user's locale is French and the provider has one. */
export function statusLabel(spec: StatusSpec | undefined, status: string, env: Record<string, string | undefined>): string {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('fr') && spec?.labelFr ? spec.labelFr : status;
}
