import 'server-only';
/**
 * `Idempotency-Key` values and request fingerprints. The records themselves live in the store
 * (lib/server/store/idempotency-records.ts), per user, shared by every replica; api-handlers.ts applies them.
 */
import { createHash } from 'node:crypto';
import { BrandedError } from './error-brand';

export class IdempotencyKeyReusedError extends BrandedError('IdempotencyKeyReusedError') {
  constructor() {
    super('This Idempotency-Key was already used with a different request body. Use a new key for a new request.');
  }
}

/** 1-255 printable ASCII characters, as the draft standard and Stripe-style clients use (UUIDs, ULIDs, …). */
export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/.test(key);
}

/** The same JSON value gives the same fingerprint whatever the order of its object keys. */
export function fingerprintOf(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canonical(value)) ?? 'undefined').digest('hex');
}
