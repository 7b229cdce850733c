/**
 * A file name safe to store and to write: the last path segment only, without control characters or leading
 * dots, at most 200 characters. "../../etc/passwd" becomes "passwd"; nothing becomes "attachment".
 */
export function safeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return clean || 'attachment';
}

/**
 * The MIME type of a file's bytes: the magic numbers file-type knows, else UTF-8 text, else binary. From the
 * content, never from the name a client chose (tix serve stores it; providers tell their helpdesk).
 */
export async function sniffContentType(data: Uint8Array): Promise<string> {
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
