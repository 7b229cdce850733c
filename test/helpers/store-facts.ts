import type { Store, TicketFilter, TicketRecord, TokenKind } from '../../src/server/store/store.ts';

// What a test checks in a server's database, asked through the store's own interface (the same on SQLite and
// PostgreSQL), never with SQL of the test's own.

/** Every ticket, newest activity first, whoever filed it (`search` narrows to tickets holding those words). */
export async function allTickets(store: Store, search?: string): Promise<TicketRecord[]> {
  const tickets: TicketRecord[] = [];
  for (let before: TicketFilter['before']; ; ) {
    const page = await store.tickets.listTickets({ viewerId: 0, visible: 'all', search, before, limit: 1000 });
    tickets.push(...page);
    if (page.length < 1000) return tickets;
    before = { updatedAt: page.at(-1)!.updatedAt, id: page.at(-1)!.id };
  }
}

/** How many tickets have exactly this summary. */
export async function ticketsNamed(store: Store, summary: string): Promise<number> {
  return (await allTickets(store, summary)).filter((t) => t.summary === summary).length;
}

/** How many messages, on any ticket, have exactly this body. */
export async function messagesSaying(store: Store, body: string): Promise<number> {
  let n = 0;
  for (const t of await allTickets(store, body)) n += (await store.tickets.ticketMessages(t.id, 0)).filter((m) => m.body === body).length;
  return n;
}

/** A user's tokens of a kind that are not revoked (and, given a name, have that name). */
export async function liveTokens(store: Store, email: string, kind: TokenKind, name?: string): Promise<number> {
  const user = await store.identity.findUserByEmail(email);
  if (!user) return 0;
  return (await store.identity.listTokens(user.id, kind)).filter((t) => t.revokedAt === null && (name === undefined || t.name === name))
    .length;
}

/** Files a user uploaded and no ticket or reply has attached yet. */
export async function pendingUploads(store: Store, email: string): Promise<number> {
  const user = await store.identity.findUserByEmail(email);
  return user ? (await store.uploads.pendingUploads(user.id)).count : 0;
}
