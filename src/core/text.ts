// Text from a server is shown in people's terminals: a control character in a ticket summary or a message
// ("\u001b]52;…" writes the clipboard, "\u001b[2J" clears the screen) must never reach the terminal as such.

// C0 controls but tab and newline, DEL, and C1 controls (8-bit escapes some terminals honour)
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Replaces terminal control characters with visible stand-ins: ESC as ␛, the others as �. */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, (c) => (c === '\u001b' ? '\u241b' : '\ufffd'));
}

/** The same, through every string of a JSON value (binary content, such as a download, is left as it is). */
export function stripControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return stripControls(value) as T;
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(stripControlsDeep) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = stripControlsDeep(v);
    return out as T;
  }
  return value;
}
