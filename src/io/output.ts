import { usageError } from '../core/errors.ts';
import type { IOStreams } from './iostreams.ts';

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
    throw usageError(`unknown JSON field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; available: ${valid.join(', ')}`, {
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
 * Pretty-printed JSON, coloured when asked: keys blue, strings green, numbers and booleans cyan, null grey.
 * Works on JSON.stringify's own output, so a string's content is never mistaken for a number or a key.
 */
export function highlightJson(value: unknown, color: boolean): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  if (!color) return text;
  return text.replace(
    /("(?:\\.|[^"\\])*")(\s*:)?|\b(?:true|false)\b|\bnull\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g,
    (token, string?: string, colon?: string) => {
      if (string) return colon ? `\u001b[1;34m${string}\u001b[22;39m${colon}` : `\u001b[32m${string}\u001b[39m`;
      return token === 'null' ? `\u001b[90m${token}\u001b[39m` : `\u001b[36m${token}\u001b[39m`;
    },
  );
}

export interface Column<T> {
  header: string;
  value(row: T): string;
  /** colour for the terminal only; piped output is never coloured */
  style?(text: string, row: T): string;
  /** where the cell links to, in terminals that show hyperlinks */
  link?(row: T): string;
  /** this column gives up width first when the table is too wide */
  flexible?: boolean;
}

/**
 * Rows as a table on a terminal, or as tab-separated lines without a header when piped: a fixed column
 * order scripts can rely on (`cut -f1`), no colour, no truncation.
 */
export async function printRows<T>(io: IOStreams, rows: T[], columns: Column<T>[]): Promise<void> {
  if (!io.isStdoutTTY) {
    for (const row of rows) io.out(`${columns.map((c) => tsvCell(c.value(row))).join('\t')}\n`);
    return;
  }
  if (rows.length === 0) return;
  const cells = rows.map((row) => columns.map((c) => oneLine(c.value(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  // shrink the flexible columns until the table fits the terminal
  const gap = 2;
  let excess = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1) - io.columns;
  columns.forEach((c, i) => {
    if (excess <= 0 || !c.flexible) return;
    const cut = Math.min(excess, widths[i]! - Math.max(12, c.header.length));
    if (cut > 0) {
      widths[i]! -= cut;
      excess -= cut;
    }
  });
  const { default: Table } = await import('cli-table3');
  const blank = {
    top: '',
    'top-mid': '',
    'top-left': '',
    'top-right': '',
    bottom: '',
    'bottom-mid': '',
    'bottom-left': '',
    'bottom-right': '',
    left: '',
    'left-mid': '',
    mid: '',
    'mid-mid': '',
    right: '',
    'right-mid': '',
    middle: ' '.repeat(gap),
  };
  const table = new Table({
    head: columns.map((c) => c.header.toUpperCase()),
    chars: blank,
    colWidths: widths,
    wordWrap: false,
    style: { head: io.color ? ['bold'] : [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  rows.forEach((row, r) => {
    table.push(
      columns.map((c, i) => {
        const text = truncate(cells[r]![i]!, widths[i]!);
        const styled = io.color && c.style ? c.style(text, row) : text;
        // cli-table3 measures and wraps the hyperlink itself
        return c.link && io.hyperlinks ? { content: styled, href: c.link(row) } : styled;
      }),
    );
  });
  io.out(
    `${table
      .toString()
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')}\n`,
  );
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function tsvCell(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ');
}

export function truncate(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, Math.max(0, width - 1))}…`;
}

/** Text that links to a URL where the terminal supports OSC 8 hyperlinks; the text alone elsewhere. */
export function link(io: IOStreams, url: string, text: string): string {
  return io.hyperlinks ? `\u001b]8;;${url}\u0007${text}\u001b]8;;\u0007` : text;
}

/** Relative ("3 hours ago") on a terminal, RFC 3339 when piped. */
export function formatTime(io: IOStreams, iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  if (!io.isStdoutTTY) return iso;
  return relativeTime(Date.parse(iso), now);
}

export function relativeTime(at: number, now = Date.now()): string {
  const s = Math.round((now - at) / 1000);
  const future = s < 0;
  const a = Math.abs(s);
  const [n, unit] =
    a < 45
      ? [0, 'now']
      : a < 5400
        ? [Math.max(1, Math.round(a / 60)), 'minute']
        : a < 129600
          ? [Math.round(a / 3600), 'hour']
          : a < 2592000 * 2
            ? [Math.round(a / 86400), 'day']
            : a < 31536000
              ? [Math.round(a / 2592000), 'month']
              : [Math.round(a / 31536000), 'year'];
  if (unit === 'now') return 'just now';
  const label = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return future ? `in ${label}` : `${label} ago`;
}
