import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { API_CONTENT_SECURITY_POLICY } from '@/lib/server/security-headers';
import { proxy } from './proxy';

describe('proxy', () => {
  it('lets API requests through unchanged, with the fixed API policy: no nonce, no request headers re-encoded', () => {
    const res = proxy(new NextRequest('http://localhost:3000/api/exports?kind=summary', { headers: { 'x-forwarded-proto': 'https' } }));
    expect(res.headers.get('content-security-policy')).toBe(API_CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-middleware-override-headers')).toBeNull();
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('still refuses a malformed % and an unknown method under /api in the error shape', async () => {
    const bad = proxy(new NextRequest('http://localhost:3000/api/exports/summary/%ZZ'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: expect.any(String) } });
    const method = proxy(new NextRequest('http://localhost:3000/api/exports', { method: 'PROPFIND' }));
    expect(method.status).toBe(400);
    expect(await method.json()).toMatchObject({ error: { code: 'UnsupportedMethod' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(method.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives pages a fresh nonce, in the answer and in the request Next renders with', () => {
    const res = proxy(new NextRequest('http://localhost:3000/', { headers: { 'content-security-policy': "script-src 'nonce-chosen'" } }));
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/'nonce-[A-Za-z0-9+/]{22}=='/);
    expect(policy).not.toContain('chosen');
    expect(res.headers.get('x-middleware-override-headers')).toContain('content-security-policy');
    expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
  });
});
