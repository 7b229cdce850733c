import type { Command } from 'commander';
import type { ProviderInfo } from '../../api/provider.ts';
import type { Establishment, TicketQuery } from '../../api/types.ts';
import { parseDuration } from '../../core/duration.ts';
import { type FieldProblem, usageError } from '../../core/errors.ts';
import { labelled, type Locale } from '../../core/i18n.ts';
import { emailProblem, normalizeDigits, siretProblem } from '../../core/identifiers.ts';
import { problem } from '../../core/messages.ts';
import { resolveStatusWords, statusCategories } from '../../core/status.ts';
import { t } from './messages.ts';

// The ticket filters shared by `ticket list`, `ticket read --all` and `inbox`.

/** The filter flags as commander parses them: the query's filters, with statuses as typed. */
export type FilterFlags = Omit<TicketQuery, 'status' | 'unread' | 'limit' | 'cursor'> & { status?: string[] };

export function addFilterOptions(cmd: Command, l: Locale): Command {
  return cmd
    .option('--status <status...>', t(l, 'filter.status', { categories: statusCategories.join(', ') }))
    .option('--type <type>', t(l, 'filter.type'))
    .option('--category <category>', t(l, 'filter.category'))
    .option('--establishment <siret|name>', t(l, 'filter.establishment'))
    .option('--author <email>', t(l, 'filter.author'))
    .option('--mine', t(l, 'filter.mine'))
    .option('--search <words>', t(l, 'filter.search'))
    .option('--since <date>', t(l, 'filter.since'));
}

/**
 * Checks the flags before anything is sent, and turns them into a query. `--status` takes the helpdesk's own
 * status names and the five categories (a category stands for every status in it; an own name wins).
 */
export function queryFromFlags(opts: FilterFlags, info: ProviderInfo): TicketQuery {
  if (opts.author && opts.mine) throw usageError(t.text('filter.authorAndMine'));
  // an address that cannot be one matches nobody: say so rather than answer "no tickets"
  const author = opts.author?.trim();
  if (author !== undefined && emailProblem(author)) throw usageError(t.text('filter.badAuthor', { value: author }));
  const words = opts.status
    ?.flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  let status: string[] | undefined;
  if (words) {
    const resolved = resolveStatusWords(info.statuses, words);
    const names = info.statuses.map((s) => s.name).join(', ');
    if (resolved.unknown.length)
      throw usageError(
        t.text('filter.unknownStatus', {
          unknown: resolved.unknown.join(', '),
          provider: info.displayName,
          statuses: names,
          categories: statusCategories.join(', '),
        }),
      );
    // a category none of the helpdesk's statuses is in: say so, rather than list everything or nothing silently
    if (resolved.names.length === 0)
      throw usageError(t.text('filter.noStatusIn', { provider: info.displayName, words: words.join(', '), statuses: names }));
    status = resolved.names;
  }
  return {
    status,
    type: opts.type,
    category: opts.category,
    establishment: opts.establishment,
    author,
    mine: opts.mine,
    search: opts.search,
    since: opts.since === undefined ? undefined : parseSince(opts.since),
  };
}

/** "7d" is seven days ago; dates and times pass through for the server to check. */
export function parseSince(text: string, now = Date.now()): string {
  const ms = /^\d+(\.\d+)?\s*[smhdwy]$/i.test(text.trim()) ? parseDuration(text) : undefined;
  if (ms !== undefined) return new Date(now - ms).toISOString();
  if (Number.isNaN(Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text))) {
    throw usageError(t.text('filter.badSince', { value: text }));
  }
  return text;
}

/** Words compared without case or accents: "ecole lille" finds "École Lille". */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The establishment `--establishment` names, among the user's: its SIRET (spaces allowed), or its name or a
 * part of it that only one of them has ("Lille" for École Lille). Otherwise the problem, listing them.
 */
export function findEstablishment(
  establishments: Establishment[],
  given: string,
  flag = '--establishment',
): { establishment: Establishment } | { problem: FieldProblem } {
  const mine = establishments.map((e) => `${e.siret} (${e.name})`).join(', ');
  const listing = mine ? (l: Locale) => t(l, 'establishment.yours', { list: mine }) : t.text('establishment.none');
  const digits = normalizeDigits(given);
  if (/^\d+$/.test(digits)) {
    const found = establishments.find((e) => e.siret === digits);
    if (found) return { establishment: found };
    // a mistyped SIRET says so, rather than "not one of yours"
    if (siretProblem(digits)) return { problem: problem(flag, (l) => labelled(l, given, siretProblem(digits, l)!)) };
    return { problem: problem(flag, t.text('establishment.notYours', { given, list: listing })) };
  }
  const wanted = folded(given);
  const exact = establishments.filter((e) => folded(e.name) === wanted);
  const partial = exact.length ? exact : establishments.filter((e) => folded(e.name).includes(wanted));
  if (partial.length === 1) return { establishment: partial[0]! };
  if (partial.length > 1)
    return {
      problem: problem(
        flag,
        t.text('establishment.ambiguous', { given, matches: partial.map((e) => `${e.siret} (${e.name})`).join(', ') }),
      ),
    };
  return { problem: problem(flag, t.text('establishment.unknownName', { given, list: listing })) };
}
