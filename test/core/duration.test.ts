// Lifetimes as people write them (tix token create --expires-in): a whole number and a unit.
import { describe, expect, it } from 'vitest';
import { parseLifetime } from '../../src/core/duration.ts';

const minute = 60_000;
const day = 86_400_000;

describe('parseLifetime', () => {
  it('takes minutes, hours, days (d or the French j), weeks and years of 365 days', () => {
    expect(parseLifetime('30m')).toBe(30 * minute);
    expect(parseLifetime('12h')).toBe(12 * 60 * minute);
    expect(parseLifetime('90d')).toBe(90 * day);
    expect(parseLifetime('90j')).toBe(90 * day);
    expect(parseLifetime('6w')).toBe(42 * day);
    expect(parseLifetime('1y')).toBe(365 * day);
    expect(parseLifetime('2Y')).toBe(730 * day);
    expect(parseLifetime(' 7 d ')).toBe(7 * day);
  });

  it('refuses what is not a whole number and a known unit', () => {
    for (const text of ['', 'soon', '90', '30s', '500ms', '1.5y', '-1d', 'd', '2 ans', '1y6w'])
      expect(parseLifetime(text), text).toBeUndefined();
  });
});
