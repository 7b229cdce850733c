const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, y: 365 * 86_400_000 };

/** Parses "500ms", "30s", "10m", "12h", "30d", "2w", "1y" (or a bare number of seconds) into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w|y)?\s*$/i.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNITS[(m[2] ?? 's').toLowerCase()]!;
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', UNITS.d!],
    ['h', UNITS.h!],
    ['m', UNITS.m!],
    ['s', UNITS.s!],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

const LIFETIME_UNITS: Record<string, number> = {
  m: UNITS.m!,
  h: UNITS.h!,
  d: UNITS.d!,
  // French "jours"
  j: UNITS.d!,
  w: UNITS.w!,
  y: UNITS.y!,
};

/**
 * A lifetime as people write one: a whole number and a unit, "30m", "12h", "90d" (or "90j"), "6w", "1y" (a
 * year is 365 days). Seconds and bare numbers are refused: nothing lives a few seconds on purpose.
 */
export function parseLifetime(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([mhdjwy])\s*$/i.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * LIFETIME_UNITS[m[2]!.toLowerCase()]!;
}
