import { usageError } from '../core/errors.ts';
import { formatRelativeTime } from '../core/i18n.ts';
import { type ColorScheme, hyperlink } from './color.ts';
import type { IOStreams } from './iostreams.ts';
import { t } from './messages.ts';

/** `--json` alone is `true`; `--json a,b` is the string "a,b". */
export type JsonOption = string | boolean | undefined;

/**
 * Resolves `--json [fields]` against the fields a command's objects have. Returns undefined when JSON was not
 * asked for, every field for a bare `--json`, the chosen ones otherwise; an unknown field lists the valid ones.
 */
export function jsonFields(opt: JsonOption, valid: readonly string[]): string[] | undefined {
  if (opt === undefined || opt === false) return undefined;
  if (opt === true || opt === '') return [...valid];
  const asked = opt
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = asked.filter((f) => !valid.includes(f));
  if (unknown.length > 0) {
    throw usageError(t.text('json.unknownField', { count: unknown.length, fields: unknown.join(', '), valid: valid.join(', ') }), {
      code: 'unknown_field',
    });
  }
  return asked;
}

export function pick<T extends object>(value: T, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = (value as Record<string, unknown>)[f];
  return out;
}

export function printJson(io: IOStreams, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * One element of a JSON array printed piece by piece (a streamed listing), indented as JSON.stringify(…, null, 2)
 * would indent it inside the array (`indent`: two spaces per level). JSON.stringify does the indenting itself:
 * the value is wrapped in as many arrays as there are levels, and the brackets are cut off again. Nothing is
 * searched and replaced, so nothing inside a string can change (U+2028 and U+2029 stay raw in JSON's output),
 * and a listing of 100,000 tickets spends half the time it did indenting line by line.
 */
export function indentedJson(value: unknown, indent: string): string {
  const levels = indent.length / 2;
  let wrapped = value;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  // what the wrapping adds before the value, and after it: "[\n", "  [\n", … (levels² + levels characters)
  const added = levels * levels + levels;
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(added, text.length - added);
}

/**
 * Writes text once it is past 32 KB and returns what is left to write. A page printed as one string would be
 * a large object to V8 (past 128 KB: memory of its own, mapped and unmapped for each page, which is slower and
 * grows the process with the listing); in pieces, a listing of any length runs in the same memory.
 */
export function flushed(io: IOStreams, text: string): string {
  if (text.length < 32_768) return text;
  io.out(text);
  return '';
}

/** Waits while stdout's buffer is full, so a long listing holds a few pages in memory, not all of them. */
export async function drained(io: IOStreams): Promise<void> {
  if (io.stdout.writableNeedDrain) await new Promise((resolve) => io.stdout.once('drain', resolve));
}

/**
 * Pretty-printed JSON, coloured when the scheme is: keys blue, strings green, numbers and booleans cyan, null
 * grey. Works on JSON.stringify's own output, so a string's content is never mistaken for a number or a key.
 */
export function highlightJson(value: unknown, colors: ColorScheme): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  if (!colors.enabled) return text;
  return text.replace(
    /("(?:\\.|[^"\\])*")(\s*:)?|\b(?:true|false)\b|\bnull\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g,
    (token, string?: string, colon?: string) => {
      if (string) return colon ? `${colors.key(string)}${colon}` : colors.green(string);
      return token === 'null' ? colors.gray(token) : colors.cyan(token);
    },
  );
}

export interface Column<T> {
  /** what people read above the column (in their language); piped rows have no header */
  header: string;
  value(row: T): string;
  /** colour for the terminal only; piped output is never coloured */
  style?(text: string, row: T): string;
  /** where the cell links to, in terminals that show hyperlinks */
  link?(row: T): string;
  /**
   * On a terminal too narrow for the table, columns with `shrink` give up width first, the lowest number first
   * (down to `min`), and those with `drop` are then left out, the lowest first. The others keep their width.
   */
  shrink?: number;
  min?: number;
  drop?: number;
}

/**
 * Rows as a table on a terminal, or as tab-separated lines without a header when piped: a fixed column
 * order scripts can rely on (`cut -f1`), no colour, no truncation. On a terminal a row is never wider than
 * the terminal (a wrapped row is unreadable): columns shrink, then the least useful ones are left out.
 */
export async function printRows<T>(io: IOStreams, rows: T[], columns: Column<T>[]): Promise<void> {
  if (!io.isStdoutTTY) {
    let text = '';
    for (const row of rows) text += `${columns.map((c) => tsvCell(c.value(row))).join('\t')}\n`;
    if (text) io.out(text);
    return;
  }
  if (rows.length === 0) return;
  const cells = rows.map((row) => columns.map((c) => oneLine(c.value(row))));
  const layout = fitColumns(
    columns.map((c, i) => ({ ...c, natural: Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i]!))) })),
    io.columns,
  );
  const line = (parts: Array<{ text: string; styled: string }>) =>
    parts
      .map((p, i) => (i === parts.length - 1 ? p.styled : p.styled + ' '.repeat(Math.max(0, layout[i]!.width - displayWidth(p.text)))))
      .join(GAP)
      .trimEnd();
  const shown = layout.map((l) => l.index);
  const header = shown.map((i, k) => {
    const text = truncate(columns[i]!.header.toLocaleUpperCase(io.locale), layout[k]!.width);
    return { text, styled: io.colors.bold(text) };
  });
  let out = `${line(header)}\n`;
  rows.forEach((row, r) => {
    const parts = shown.map((i, k) => {
      const c = columns[i]!;
      const text = truncate(cells[r]![i]!, layout[k]!.width);
      let styled = io.color && c.style ? c.style(text, row) : text;
      if (c.link && io.hyperlinks) styled = hyperlink(c.link(row), styled);
      return { text, styled };
    });
    out += `${line(parts)}\n`;
  });
  io.out(out);
}

const GAP = '  ';

/**
 * The columns to show and their widths within `total` terminal columns: shrink by `shrink` order down to each
 * column's minimum, then leave out by `drop` order, then, as a last resort, cut the widest columns.
 */
export function fitColumns(
  columns: Array<{ natural: number; header: string; shrink?: number; min?: number; drop?: number }>,
  total: number,
) {
  const layout = columns.map((c, index) => ({ index, width: c.natural, column: c }));
  const excess = () => layout.reduce((n, l) => n + l.width, 0) + GAP.length * (layout.length - 1) - total;
  const floor = (c: (typeof columns)[number]) => Math.min(c.natural, Math.max(c.min ?? 8, 3));
  for (const l of [...layout].filter((l) => l.column.shrink !== undefined).sort((a, b) => a.column.shrink! - b.column.shrink!)) {
    const over = excess();
    if (over <= 0) break;
    l.width -= Math.min(over, l.width - floor(l.column));
  }
  for (const l of [...layout].filter((l) => l.column.drop !== undefined).sort((a, b) => a.column.drop! - b.column.drop!)) {
    if (excess() <= 0) break;
    layout.splice(layout.indexOf(l), 1);
  }
  while (excess() > 0) {
    const widest = layout.reduce((a, b) => (b.width > a.width ? b : a));
    if (widest.width <= 1) break;
    widest.width -= 1;
  }
  return layout;
}

/** Columns a string takes on a terminal: combining marks take none, wide characters (CJK, emoji) two. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    if (/\p{M}|\u200d|[\ufe00-\ufe0f]/u.test(ch)) continue;
    width +=
      /\p{Extended_Pictographic}|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
        ? 2
        : 1;
  }
  return width;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function tsvCell(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ');
}

/** Cut to `width` terminal columns, with an ellipsis when something was cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Text that links to a URL where the terminal supports OSC 8 hyperlinks; the text alone elsewhere. */
export function link(io: IOStreams, url: string, text: string): string {
  return io.hyperlinks ? hyperlink(url, text) : text;
}

/**
 * Relative ("3 hours ago", "il y a 3 heures") on a terminal, in the reader's language; RFC 3339 when piped.
 * `short` for table cells ("3 hr. ago", "il y a 3 h").
 */
export function formatTime(io: IOStreams, iso: string | null | undefined, opts: { now?: number; short?: boolean } = {}): string {
  if (!iso) return '';
  if (!io.isStdoutTTY) return iso;
  return formatRelativeTime(io.locale, iso, new Date(opts.now ?? Date.now()), opts.short ? 'short' : 'long');
}
