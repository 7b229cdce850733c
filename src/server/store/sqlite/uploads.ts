import type { AttachmentRecord, PendingUpload, UploadQuota, UploadStore } from '../store.ts';
import { placeholders, type Row, type SqliteDatabase } from './database.ts';

/** Uploaded files on SQLite, bytes included (a BLOB per file). */
export class SqliteUploadStore implements UploadStore {
  private readonly sql: SqliteDatabase;

  constructor(sql: SqliteDatabase) {
    this.sql = sql;
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
    return this.sql.transaction(() => {
      if (quota) {
        const pending = this.pending(u.userId);
        if (pending.count + 1 > quota.maxCount || pending.bytes + u.size > quota.maxBytes) return { overQuota: true as const };
      }
      this.sql.run(
        'INSERT INTO uploads (public_id, user_id, filename, content_type, size, sha256, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        u.publicId,
        u.userId,
        u.filename,
        u.contentType,
        u.size,
        u.sha256,
        u.data,
        u.at,
      );
      return { publicId: u.publicId, filename: u.filename, contentType: u.contentType, size: u.size, sha256: u.sha256 };
    });
  }

  private pending(userId: number): { count: number; bytes: number } {
    const row = this.sql.get<Row>(
      'SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM uploads WHERE message_id IS NULL AND user_id = ?',
      userId,
    )!;
    return { count: Number(row.n), bytes: Number(row.bytes) };
  }

  async uploadsByPublicId(publicIds: string[]): Promise<PendingUpload[]> {
    if (publicIds.length === 0) return [];
    return this.sql
      .all<Row>(
        `SELECT id, user_id, message_id, public_id, filename, content_type, size, sha256 FROM uploads WHERE public_id IN (${placeholders(publicIds.length)})`,
        ...publicIds,
      )
      .map((r) => ({
        ...toAttachment(r),
        id: Number(r.id),
        userId: Number(r.user_id),
        messageId: r.message_id === null ? null : Number(r.message_id),
      }));
  }

  async pendingUploads(userId: number): Promise<{ count: number; bytes: number }> {
    return this.pending(userId);
  }

  async attachmentData(ticketId: number, publicId: string): Promise<(AttachmentRecord & { data: Uint8Array }) | undefined> {
    const row = this.sql.get<Row>(
      'SELECT up.* FROM uploads up JOIN messages m ON m.id = up.message_id WHERE m.ticket_id = ? AND up.public_id = ?',
      ticketId,
      publicId,
    );
    return row && { ...toAttachment(row), data: row.data as Uint8Array };
  }

  async deleteStaleUploads(cutoff: string): Promise<number> {
    return Number(this.sql.run('DELETE FROM uploads WHERE message_id IS NULL AND created_at < ?', cutoff).changes);
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
