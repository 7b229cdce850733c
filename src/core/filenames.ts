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
