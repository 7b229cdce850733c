import { createHash, randomBytes } from 'node:crypto';
import type { Attachment } from '../../api/types.ts';
import { safeFilename, sniffContentType } from '../../core/filenames.ts';
import { oneLineProblem } from '../../core/text.ts';
import { byteSize, conflict, invalid } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { requireMessageAccess, requireScope, type Clock, type Principal } from './principal.ts';

const STALE_UPLOAD_MS = 24 * 3600_000;

/** How much one user may have uploaded and not yet attached (uploads are kept 24 h waiting for a message). */
export interface UploadLimits {
  maxPendingCount: number;
  maxPendingBytes: number;
}

export const defaultUploadLimits: UploadLimits = { maxPendingCount: 50, maxPendingBytes: 200 * 1024 * 1024 };

/**
 * Files are uploaded one by one before the ticket or reply that attaches them, so a create stays a small JSON
 * request that can be retried. The server decides the content type from the bytes, never from the client.
 */
export class UploadService {
  private readonly store: Store;
  private readonly clock: Clock;

  private readonly limits: UploadLimits;

  constructor(store: Store, clock: Clock, limits: UploadLimits = defaultUploadLimits) {
    this.store = store;
    this.clock = clock;
    this.limits = limits;
  }

  async upload(p: Principal, name: string | undefined, data: Buffer): Promise<Attachment> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:write');
    if (data.length === 0) throw invalid([{ field: 'body', message: 'the file is empty' }]);
    // a file name is one line of plain text: no newline to forge a log line, no override to disguise an .exe
    const nameProblem = name === undefined || name === '' ? undefined : oneLineProblem(name);
    if (nameProblem) throw invalid([{ field: 'name', message: nameProblem }]);
    const now = this.clock.now();
    await this.store.uploads.deleteStaleUploads(new Date(now.getTime() - STALE_UPLOAD_MS).toISOString());
    const record = await this.store.uploads.insertUpload(
      {
        publicId: `up_${randomBytes(16).toString('base64url')}`,
        userId: p.user.id,
        filename: safeFilename(name),
        contentType: await sniffContentType(data),
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        data,
        at: now.toISOString(),
      },
      { maxCount: this.limits.maxPendingCount, maxBytes: this.limits.maxPendingBytes },
    );
    if ('overQuota' in record) {
      const { maxPendingCount: count, maxPendingBytes: bytes } = this.limits;
      throw conflict(
        'too_many_uploads',
        `you have too many uploaded files not yet attached to a ticket or a reply (at most ${count} files or ${byteSize(bytes)}); attach them, or wait: unattached uploads are forgotten after 24 hours`,
      );
    }
    return { id: record.publicId, name: record.filename, size: record.size, contentType: record.contentType, sha256: record.sha256 };
  }
}
