import { createHash, randomBytes } from 'node:crypto';
import type { Attachment } from '../../api/types.ts';
import { safeFilename } from '../../core/filenames.ts';
import { invalid } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { requireMessageAccess, requireScope, type Clock, type Principal } from './principal.ts';

const STALE_UPLOAD_MS = 24 * 3600_000;

/**
 * Files are uploaded one by one before the ticket or reply that attaches them, so a create stays a small JSON
 * request that can be retried. The server decides the content type from the bytes, never from the client.
 */
export class UploadService {
  private readonly store: Store;
  private readonly clock: Clock;

  constructor(store: Store, clock: Clock) {
    this.store = store;
    this.clock = clock;
  }

  async upload(p: Principal, name: string | undefined, data: Buffer): Promise<Attachment> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:write');
    if (data.length === 0) throw invalid([{ field: 'body', message: 'the file is empty' }]);
    const now = this.clock.now();
    await this.store.uploads.deleteStaleUploads(new Date(now.getTime() - STALE_UPLOAD_MS).toISOString());
    const record = await this.store.uploads.insertUpload({
      publicId: `up_${randomBytes(16).toString('base64url')}`,
      userId: p.user.id,
      filename: safeFilename(name),
      contentType: await sniff(data),
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
      at: now.toISOString(),
    });
    return { id: record.publicId, name: record.filename, size: record.size, contentType: record.contentType, sha256: record.sha256 };
  }
}

async function sniff(data: Buffer): Promise<string> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(data);
  if (detected) return detected.mime;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return data.includes(0) ? 'application/octet-stream' : 'text/plain; charset=utf-8';
  } catch {
    return 'application/octet-stream';
  }
}
