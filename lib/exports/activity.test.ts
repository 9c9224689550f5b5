import { describe, expect, it } from 'vitest';
import { activityQuerySchema } from './activity';
import { fieldErrors } from './schemas';

const parse = (query: Record<string, string>) => activityQuerySchema.safeParse(query);
const errorsOf = (query: Record<string, string>) => {
  const result = parse(query);
  if (result.success) throw new Error(`expected ${JSON.stringify(query)} to be refused`);
  return fieldErrors(result.error);
};

describe('activityQuerySchema', () => {
  it('defaults page and size and treats empty fields as no filter', () => {
    expect(parse({ actor: '', action: '', kind: '', from: '', to: '' })).toEqual({
      success: true,
      data: { page: 1, size: 50 },
    });
  });

  it('takes every filter in its documented form', () => {
    const result = parse({
      page: '3',
      size: '200',
      actor: ' Oscar@Example.com ',
      action: 'delete',
      kind: 'detail',
      from: '2026-05-01T00:00:00Z',
      to: '2026-05-31T23:59:59Z',
    });
    expect(result.data).toEqual({
      page: 3,
      size: 200,
      actor: 'Oscar@Example.com',
      action: 'delete',
      kind: 'detail',
      from: '2026-05-01T00:00:00Z',
      to: '2026-05-31T23:59:59Z',
    });
    expect(parse({ actor: 'auth0|5f7c8ec7c33c6c004bbafe82' }).data?.actor).toBe('auth0|5f7c8ec7c33c6c004bbafe82');
  });

  it('names the field of each bad value', () => {
    expect(errorsOf({ size: '201' })).toEqual({ size: 'size must be a whole number from 1 to 200.' });
    expect(errorsOf({ size: '0' })).toHaveProperty('size');
    expect(errorsOf({ page: '1e9' })).toHaveProperty('page');
    expect(errorsOf({ page: '99999999999999999999' })).toHaveProperty('page');
    expect(errorsOf({ action: 'drop' })).toHaveProperty('action');
    expect(errorsOf({ kind: 'all' })).toHaveProperty('kind');
    expect(errorsOf({ from: '2026-02-30T00:00:00Z' })).toHaveProperty('from');
    expect(errorsOf({ to: 'yesterday' })).toHaveProperty('to');
    expect(errorsOf({ from: '2026-05-01' })).toHaveProperty('from');
    expect(errorsOf({ from: '2026-05-02T00:00:00Z', to: '2026-05-01T00:00:00Z' })).toEqual({
      to: 'to must not be earlier than from.',
    });
  });

  it('refuses SQL-looking text and overlong actors', () => {
    expect(errorsOf({ actor: "' OR 1=1 --" })).toEqual({ actor: 'actor must be an email address or a user id.' });
    expect(errorsOf({ actor: 'a@b.c; drop table activity_log' })).toHaveProperty('actor');
    expect(errorsOf({ actor: `${'a'.repeat(321)}` })).toHaveProperty('actor');
    expect(errorsOf({ kind: "summary' --" })).toHaveProperty('kind');
  });
});
