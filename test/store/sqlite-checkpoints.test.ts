import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/server/store/sqlite.ts';
import { preparedDemo } from '../helpers/server.ts';

// The embedded store checkpoints its write-ahead log on a thread of its own (src/server/store/sqlite/checkpoints.ts):
// what is committed reaches the database file itself without the event loop's connection ever checkpointing
// (its own threshold, 20,000 pages, is far beyond these few writes). SQLite only: test/vitest.config.ts keeps it out of the `postgres` project.

const dir = mkdtempSync(join(tmpdir(), 'tix-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the database file holds without its log (immutable: SQLite reads the file alone, WAL ignored). */
function ticketsInFile(path: string): number {
  const db = new DatabaseSync(`file:${path}?immutable=1`, { readOnly: true });
  try {
    // the schema itself may still be in the log only
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'tickets'").get()) return 0;
    return Number((db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n);
  } finally {
    db.close();
  }
}

describe('SQLite checkpoints', () => {
  it('commits reach the database file through the checkpoint thread, and closing leaves no log behind', async () => {
    const path = join(dir, 'checkpoints.db');
    const store = new SqliteStore(path);
    await store.identity.loadOrganisation(await preparedDemo());
    const establishment = (await store.identity.allEstablishments())[0]!;
    const author = (await store.identity.findUserByEmail('yann@demo.test'))!;
    const before = ticketsInFile(path);
    for (let i = 0; i < 20; i++) {
      await store.tickets.createTicket({
        establishmentId: establishment.id,
        createdById: author.id,
        onBehalfOf: null,
        type: 'question',
        category: 'general',
        summary: `Checkpointed ${i}`,
        fields: {},
        description: 'Dans le fichier, pas seulement dans le journal',
        uploadIds: [],
        followUpOf: null,
        at: new Date().toISOString(),
      });
      await store.flush();
    }
    // no timing asserted: the checkpoint thread gets there when it gets there (the test's timeout is the bound)
    while (ticketsInFile(path) < before + 20) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ticketsInFile(path)).toBe(before + 20);
    await store.close();
    await store.close();
    // the last connection closed, the worker's included: SQLite removed the log
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new SqliteStore(path);
    expect((await reopened.tickets.listTickets({ viewerId: author.id, visible: 'all', search: 'checkpointed', limit: 50 })).length).toBe(
      20,
    );
    await reopened.close();
  });
});
