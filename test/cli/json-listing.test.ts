// Listings streamed as one JSON array piece by piece (ticket list --json, inbox --json) indent each element
// themselves; the result must be the JSON that JSON.stringify of the whole array gives, whatever the text holds.
import { describe, expect, it } from 'vitest';
import { indentedJson } from '../../src/io/output.ts';

describe('indentedJson', () => {
  it('indents like JSON.stringify of the whole array, and never changes a string (U+2028, U+2029, newlines)', () => {
    const items = [
      { id: 1, summary: 'plain', fields: { note: 'a\u2028b\u2029c', body: 'line 1\nline 2' } },
      { id: 2, summary: 'second', tags: ['x', 'y'] },
    ];
    const streamed = `[${items.map((item, i) => `${i === 0 ? '\n' : ',\n'}${indentedJson(item, '  ')}`).join('')}\n]`;
    expect(streamed).toBe(JSON.stringify(items, null, 2));
    expect(JSON.parse(streamed)).toEqual(items);
  });

  it('indents at any depth (the items of an inbox group sit two levels in), empty values and scalars included', () => {
    const items = [{ id: 1, fields: {}, tags: [], nested: { deep: [{ a: null }] } }, 'text', 3, null, []];
    const streamed = `{\n  "items": [${items.map((item, i) => `${i === 0 ? '\n' : ',\n'}${indentedJson(item, '    ')}`).join('')}\n  ]\n}`;
    expect(streamed).toBe(JSON.stringify({ items }, null, 2));
  });
});
