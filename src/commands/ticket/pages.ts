import type { TicketsApi } from '../../api/backend.ts';
import type { Page, Ticket, TicketQuery } from '../../api/types.ts';

/**
 * Tickets per request when every ticket is wanted: an answer of tix serve stays near 100 KB, under the 128 KB
 * past which V8 keeps a string as a large object of its own (mapped and unmapped for each page: slower, and the
 * process grows with the listing: 300 measured 25% slower than 200 or 250); five times the pages of 1,000 cost
 * nothing, as they are asked for ahead. A multiple of every helpdesk's own page (Zendesk and Request Tracker
 * 100, Jira Service Management 50), so no provider reads one of its pages twice.
 */
export const STREAM_PAGE = 200;

/**
 * The pages of a ticket listing, up to `wanted` tickets, from `cursor` on. Each next page is asked for as soon
 * as its cursor is known (tix serve names it in a header, before the page's body), so the helpdesk works while
 * the caller prints; at most two pages wait ahead of the one the caller holds, whatever the listing's length.
 */
export async function* ticketPages(
  tickets: TicketsApi,
  query: TicketQuery,
  opts: { wanted: number; pageSize: number; cursor?: string },
): AsyncGenerator<Page<Ticket>> {
  const { wanted, pageSize } = opts;
  if (wanted > pageSize) steadyMemory();
  const ahead = new Map<string, Promise<Page<Ticket>>>();
  let asked = 0;
  const ask = (remaining: number, cursor?: string): Promise<Page<Ticket>> => {
    const limit = Math.min(pageSize, remaining);
    asked += limit;
    const page = tickets.list({ ...query, limit, cursor }, { onNextCursor: askAhead });
    // a page no longer wanted (an error or the caller stopped) must not fail unobserved
    page.catch(() => {});
    return page;
  };
  const askAhead = (cursor: string) => {
    if (ahead.size < 2 && asked < wanted && !ahead.has(cursor)) ahead.set(cursor, ask(wanted - asked, cursor));
  };
  let given = 0;
  let next: Promise<Page<Ticket>> | undefined = ask(wanted, opts.cursor);
  while (next) {
    const page: Page<Ticket> = await next;
    given += page.items.length;
    const cursor = page.nextCursor;
    if (cursor && given < wanted) {
      next = ahead.get(cursor);
      // pages asked for under another cursor (the data moved between two answers) are dropped
      if (next) ahead.delete(cursor);
      else {
        ahead.clear();
        asked = given;
      }
      next ??= ask(wanted - given, cursor);
    } else next = undefined;
    yield page;
  }
}

/**
 * Holds V8's young generation at its first size. A listing is a stream of short-lived pages, and V8 doubles
 * that space each time enough has survived its collections (up to 64 MB per half on a large machine), which a
 * listing of 100,000 tickets reaches: the process grew with the listing (110 MB at 20,000 tickets, 145 MB at
 * 100,000). Held, the same listing runs in the same memory, and faster: the kernel maps fewer fresh pages.
 * For a command's short life only; tix serve keeps V8's default.
 */
function steadyMemory(): void {
  process.getBuiltinModule('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
}
