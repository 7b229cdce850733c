// What a file is, from its bytes, never from its name: tix serve stores uploads with it, and providers that send
// files inline (Request Tracker) declare it, so a text file is shown as text and anything else kept as bytes.

/** The MIME type of a file's content: a known format, UTF-8 text, or application/octet-stream. */
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
