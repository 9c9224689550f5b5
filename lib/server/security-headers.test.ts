import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isHttpsRequest, newNonce } from './security-headers';

describe('contentSecurityPolicy', () => {
  const scriptSrc = (policy: string) => policy.split('; ').find((d) => d.startsWith('script-src '));

  it('lets scripts run only with the nonce, never inline, and evaluates strings only in development', () => {
    expect(scriptSrc(contentSecurityPolicy('abc', { development: false }))).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(scriptSrc(contentSecurityPolicy('abc', { development: true }))).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval'");
    expect(contentSecurityPolicy('abc', { development: false })).toContain("frame-ancestors 'none'");
  });

  it('uses a fresh nonce every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('isHttpsRequest', () => {
  it('knows https directly or from the nearest proxy', () => {
    expect(isHttpsRequest('https://a.example.com/', new Headers())).toBe(true);
    expect(isHttpsRequest('http://a.example.com/', new Headers({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isHttpsRequest('http://a.example.com/', new Headers({ 'x-forwarded-proto': 'HTTPS, http' }))).toBe(true);
    expect(isHttpsRequest('http://a.example.com/', new Headers({ 'x-forwarded-proto': 'http, https' }))).toBe(false);
    expect(isHttpsRequest('http://a.example.com/', new Headers())).toBe(false);
  });
});
