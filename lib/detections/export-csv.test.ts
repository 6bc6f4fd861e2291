import { describe, expect, it } from 'vitest';
import { csvField, ZExportQuerySchema } from './export-csv';

describe('csv export', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('validates the range', () => {
    expect(ZExportQuerySchema.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(ZExportQuerySchema.safeParse({ from: '2026-11-22T15:00:00Z', to: '2026-11-22T14:00:00Z' }).success).toBe(false);
    expect(ZExportQuerySchema.safeParse({ from: '2026-11-22T14:00:00Z' }).success).toBe(true);
  });
});
