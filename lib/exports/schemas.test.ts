import { describe, expect, it } from 'vitest';
import { createExportSchema, fieldErrors, isHostName, listQuerySchema } from './schemas';

const ctx = { now: Date.parse('2026-11-23T02:00:00Z'), timeZone: 'Asia/Shanghai' };
const schema = createExportSchema(ctx);
const period = { startTime: '2026-10-31T16:00:00Z', endTime: '2026-11-22T15:59:59Z' };

function errorsOf(input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
}

describe('createExportSchema', () => {
  it('accepts a minimal summary and a minimal detail', () => {
    expect(schema.parse({ kind: 'summary', ...period })).toMatchObject({ kind: 'summary' });
    expect(schema.parse({ kind: 'detail', type: 'flow', ...period })).toMatchObject({ type: 'flow' });
  });
  it('names the field of each problem', () => {
    expect(errorsOf({ kind: 'summary', ...period, extra: 1 })).toHaveProperty('extra');
    expect(errorsOf({ kind: 'summary', startTime: 'yesterday', endTime: period.endTime })).toHaveProperty('startTime');
    expect(errorsOf({ kind: 'detail', ...period })).toHaveProperty('type');
    expect(errorsOf({ kind: 'detail', type: 'flow', ...period, domains: ['bad_host'] })).toHaveProperty('domains');
    expect(errorsOf({ kind: 'detail', type: 'flow', ...period, domains: [] })).toHaveProperty('domains');
    expect(errorsOf({ kind: 'detail', type: 'flow', ...period, domains: ['a.example.com'], group: 'g' })).toHaveProperty('group');
    expect(errorsOf({ kind: 'summary', ...period, name: 'x'.repeat(101) })).toHaveProperty('name');
    expect(errorsOf({ kind: 'summary', ...period, language: 'fr' })).toHaveProperty('language');
    expect(errorsOf({ kind: 'other', ...period })).toHaveProperty('kind');
    expect(errorsOf({ kind: 'summary', startTime: '2026-09-01T00:00:00Z', endTime: '2026-10-05T00:00:00Z' })).toHaveProperty('endTime');
  });
  it('refuses text that is not well-formed Unicode (half a surrogate pair), which CDN’s signing cannot encode', () => {
    expect(errorsOf({ kind: 'summary', ...period, name: 'a\ud800b' })).toHaveProperty('name');
    expect(errorsOf({ kind: 'detail', type: 'flow', ...period, group: '\udc00' })).toHaveProperty('group');
    expect(errorsOf({ kind: 'summary', ...period, name: 'Report 🎉' })).toEqual({});
  });
  it('names unknown fields that share a name with Object.prototype’s', () => {
    const input = JSON.parse(`{"__proto__":{},"constructor":1,"kind":"summary","startTime":"${period.startTime}","endTime":"${period.endTime}"}`);
    const fields = errorsOf(input);
    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(fields))).toHaveProperty('constructor', 'Unknown field: constructor.');
  });
  it('takes a wildcard domain with a leading dot, as CDN writes it, and explains the `*.` spelling', () => {
    expect(schema.parse({ kind: 'detail', type: 'flow', ...period, domains: ['.Example.com'] })).toMatchObject({ domains: ['.example.com'] });
    expect(errorsOf({ kind: 'detail', type: 'flow', ...period, domains: ['a.example.com', '*.example.com'] })).toEqual({
      domains: '"*.example.com": write a wildcard domain as CDN does, with a leading dot: ".example.com".',
    });
  });

  it('lists each domain once, whatever its case', () => {
    const parsed = schema.parse({ kind: 'detail', type: 'flow', ...period, domains: ['A.example.com', 'a.example.com ', 'b.example.com'] });
    expect(parsed).toMatchObject({ domains: ['a.example.com', 'b.example.com'] });
  });
  it('refuses non-objects without throwing', () => {
    for (const input of [null, 42, 'x', [], undefined]) expect(schema.safeParse(input).success).toBe(false);
  });
});

describe('listQuerySchema', () => {
  it('defaults page and size, and bounds them', () => {
    expect(listQuerySchema.parse({ kind: 'detail' })).toEqual({ kind: 'detail', page: 1, size: 20 });
    expect(listQuerySchema.safeParse({ kind: 'detail', size: '51' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ kind: 'detail', page: '0' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ kind: 'detail', page: '1.5' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ page: '1' }).success).toBe(false);
  });
});

describe('isHostName', () => {
  it('accepts host names and refuses the rest', () => {
    expect(isHostName('www.example.com')).toBe(true);
    expect(isHostName('.example.com')).toBe(true);
    for (const bad of ['1.2.3.4', 'a.123', 'localhost', 'a,b.com', '-a.com', 'a..com', 'exa mple.com', `${'a'.repeat(64)}.com`, '*.example.com', '.com', '..example.com', 'a.*.com']) {
      expect(isHostName(bad)).toBe(false);
    }
  });
});
