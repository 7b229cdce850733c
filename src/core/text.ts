// Text from a server is shown in people's terminals: a control character in a ticket summary or a message
// ("\u001b]52;…" writes the clipboard, "\u001b[2J" clears the screen) must never reach the terminal as such.

// C0 controls but tab and newline, DEL, and C1 controls (8-bit escapes some terminals honour)
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Replaces terminal control characters with visible stand-ins: ESC as ␛, the others as �. */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, (c) => (c === '\u001b' ? '\u241b' : '\ufffd'));
}

const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * The same, through every string of a JSON value. Copies only what changes: a page of a thousand clean tickets
 * is walked, not rebuilt.
 */
export function stripControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return (HAS_CONTROL.test(value) ? stripControls(value) : value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const clean = stripControlsDeep(value[i]);
      if (clean === value[i]) continue;
      out ??= [...value];
      out[i] = clean;
    }
    return (out ?? value) as T;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(record)) {
      const clean = stripControlsDeep(record[k]);
      if (clean === record[k]) continue;
      out ??= { ...record };
      out[k] = clean;
    }
    return (out ?? value) as T;
  }
  return value;
}
