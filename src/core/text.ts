// Text from a server is shown in people's terminals: a control character in a ticket summary or a message
// ("\u001b]52;…" writes the clipboard, "\u001b[2J" clears the screen) must never reach the terminal as such.
import type { Locale } from './i18n.ts';
import { t } from './messages.ts';

// C0 controls but tab and newline, DEL, and C1 controls (8-bit escapes some terminals honour)
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Replaces terminal control characters with visible stand-ins: ESC as ␛, the others as �. */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, (c) => (c === '\u001b' ? '\u241b' : '\ufffd'));
}

const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * The same, through every string of a JSON value (binary content, such as a download, is left as it is).
 * Copies only what changes: a page of a thousand clean tickets is walked, not rebuilt.
 */
export function stripControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return (HAS_CONTROL.test(value) ? stripControls(value) : value) as T;
  if (ArrayBuffer.isView(value)) return value;
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

// What a one-line field (a summary, a name, a file name) refuses: C0 controls (newline and tab included), DEL,
// C1 controls, the line and paragraph separators, and the bidirectional embeddings, overrides and isolates
// that make "invoice‮fdp.exe" read as "invoiceexe.pdf".
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * Why `text` is not one line of plain text, or undefined. The same rule for every one-line field, on the
 * server and in the CLI: blank text, control characters and bidirectional overrides are refused, not cleaned.
 */
export function oneLineProblem(text: string, locale: Locale = 'en'): string | undefined {
  if (text.trim() === '') return t(locale, 'text.blank');
  const bad = NOT_ONE_LINE.exec(text);
  if (!bad) return undefined;
  const code = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const override = /[\u202a-\u202e\u2066-\u2069]/.test(bad[0]);
  return t(locale, override ? 'text.override' : 'text.control', { code, position: bad.index + 1 });
}
