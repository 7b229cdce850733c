import type { AttachmentRecord, PendingUpload, UploadQuota, UploadStore } from '../store.ts';
import type { PgDatabase, Queryable, Row } from './database.ts';

/** Uploaded files on PostgreSQL, bytes included (bytea): every instance serves every file, pg_dump backs them up. */
export class PgUploadStore implements UploadStore {
  private readonly db: PgDatabase;

  constructor(db: PgDatabase) {
    this.db = db;
  }

  async insertUpload(
    u: {
      publicId: string;
      userId: number;
      filename: string;
      contentType: string;
      size: number;
      sha256: string;
      data: Uint8Array;
      at: string;
    },
    quota?: UploadQuota,
  ): Promise<AttachmentRecord | { overQuota: true }> {
    const insert = async (tx: Queryable) => {
      await tx.query(
        `INSERT INTO uploads (public_id, user_id, filename, content_type, size, sha256, data, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [u.publicId, u.userId, u.filename, u.contentType, u.size, u.sha256, u.data, u.at],
      );
      return { publicId: u.publicId, filename: u.filename, contentType: u.contentType, size: u.size, sha256: u.sha256 };
    };
    if (!quota) return insert(this.db);
    return this.db.transaction(async (tx) => {
      // the user's row locked: this user's uploads take turns from the count to the insert, on every instance
      await tx.query('SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE', [u.userId]);
      const pending = (await tx.one(
        'SELECT count(*) AS n, coalesce(sum(size), 0)::bigint AS bytes FROM uploads WHERE message_id IS NULL AND user_id = $1',
        [u.userId],
      ))!;
      if (Number(pending.n) + 1 > quota.maxCount || Number(pending.bytes) + u.size > quota.maxBytes) return { overQuota: true as const };
      return insert(tx);
    });
  }

  async uploadsByPublicId(publicIds: string[]): Promise<PendingUpload[]> {
    if (publicIds.length === 0) return [];
    const rows = await this.db.query(
      'SELECT id, user_id, message_id, public_id, filename, content_type, size, sha256 FROM uploads WHERE public_id = ANY($1::text[])',
      [publicIds],
    );
    return rows.map((r) => ({
      ...toAttachment(r),
      id: Number(r.id),
      userId: Number(r.user_id),
      messageId: r.message_id === null ? null : Number(r.message_id),
    }));
  }

  async pendingUploads(userId: number): Promise<{ count: number; bytes: number }> {
    const row = await this.db.one(
      'SELECT count(*) AS n, coalesce(sum(size), 0)::bigint AS bytes FROM uploads WHERE message_id IS NULL AND user_id = $1',
      [userId],
    );
    return { count: Number(row!.n), bytes: Number(row!.bytes) };
  }

  async attachmentData(ticketId: number, publicId: string): Promise<(AttachmentRecord & { data: Uint8Array }) | undefined> {
    const row = await this.db.one(
      'SELECT up.* FROM uploads up JOIN messages m ON m.id = up.message_id WHERE m.ticket_id = $1 AND up.public_id = $2',
      [ticketId, publicId],
    );
    return row && { ...toAttachment(row), data: row.data as Buffer };
  }

  async deleteStaleUploads(cutoff: string): Promise<number> {
    return this.db.run('DELETE FROM uploads WHERE message_id IS NULL AND created_at < $1', [cutoff]);
  }
}

export function toAttachment(r: Row): AttachmentRecord {
  return {
    publicId: String(r.public_id),
    filename: String(r.filename),
    contentType: String(r.content_type),
    size: Number(r.size),
    sha256: String(r.sha256),
  };
}
