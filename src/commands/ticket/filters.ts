import type { Command } from 'commander';
import type { ProviderInfo } from '../../api/provider.ts';
import type { TicketQuery } from '../../api/types.ts';
import { parseDuration } from '../../core/duration.ts';
import { usageError } from '../../core/errors.ts';
import { resolveStatusWords, statusCategories } from '../../core/status.ts';

// The ticket filters shared by `ticket list`, `ticket read --all` and `inbox`.

/** The filter flags as commander parses them: the query's filters, with statuses as typed. */
export type FilterFlags = Omit<TicketQuery, 'status' | 'unread' | 'limit' | 'cursor'> & { status?: string[] };

export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option(
      '--status <status...>',
      `only these statuses: the helpdesk's own (tix serve: sent, answered, open, resolved, closed) or categories (${statusCategories.join(', ')}); repeat or separate with commas`,
    )
    .option('--type <type>', 'only this request type')
    .option('--category <category>', 'only this category')
    .option('--establishment <siret>', 'only this establishment')
    .option('--author <email>', 'only tickets opened by this person')
    .option('--mine', 'only tickets you opened')
    .option('--search <words>', 'keywords in summaries and messages (accents ignored)')
    .option('--since <date>', 'activity since a date (YYYY-MM-DD, RFC 3339) or a duration ago (7d, 12h)');
}

/**
 * Checks the flags before anything is sent, and turns them into a query. `--status` takes the helpdesk's own
 * status names and the five categories (a category stands for every status in it; an own name wins).
 */
export function queryFromFlags(opts: FilterFlags, info: ProviderInfo): TicketQuery {
  if (opts.author && opts.mine) throw usageError('--author and --mine cannot be combined');
  const words = opts.status
    ?.flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  let status: string[] | undefined;
  if (words) {
    const resolved = resolveStatusWords(info.statuses, words);
    if (resolved.unknown.length)
      throw usageError(
        `--status: unknown ${resolved.unknown.join(', ')}; statuses of ${info.displayName}: ${info.statuses.map((s) => s.name).join(', ')}; categories: ${statusCategories.join(', ')}`,
      );
    // a category none of the helpdesk's statuses is in: say so, rather than list everything or nothing silently
    if (resolved.names.length === 0)
      throw usageError(
        `--status: ${info.displayName} has no status in ${words.join(', ')}; its statuses: ${info.statuses.map((s) => s.name).join(', ')}`,
      );
    status = resolved.names;
  }
  return {
    status,
    type: opts.type,
    category: opts.category,
    establishment: opts.establishment,
    author: opts.author,
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
    throw usageError(`--since: expected a date (2026-11-01), a time (2026-11-01T09:00:00Z) or a duration ago (7d), got "${text}"`);
  }
  return text;
}
