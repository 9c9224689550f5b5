import { describe, expect, it } from 'vitest';
import { claimedOrigin, isAllowedOrigin, ownOrigin } from './origin-check';

const URL_ = 'http://localhost:3000/api/exports';
const h = (init: Record<string, string>) => new Headers(init);

describe('ownOrigin', () => {
  it('is the Host the request was made to, or the proxy’s forwarded host and scheme', () => {
    expect(ownOrigin(h({ host: 'localhost:3000' }), URL_)).toBe('http://localhost:3000');
    expect(ownOrigin(h({ host: 'internal:3000', 'x-forwarded-host': 'exports.example.com', 'x-forwarded-proto': 'https' }), URL_)).toBe(
      'https://exports.example.com',
    );
    expect(ownOrigin(h({ host: 'EXPORTS.example.com:443', 'x-forwarded-proto': 'https, http' }), URL_)).toBe('https://exports.example.com');
  });
  it('refuses junk in Host', () => {
    expect(ownOrigin(h({ host: 'evil.com/@localhost' }), URL_)).toBeNull();
    expect(ownOrigin(h({}), URL_)).toBeNull();
  });
});

describe('claimedOrigin', () => {
  it('prefers Origin, falls back to the Referer’s origin, and says when neither is there', () => {
    expect(claimedOrigin(h({ origin: 'http://localhost:3000' }))).toBe('http://localhost:3000');
    expect(claimedOrigin(h({ referer: 'http://localhost:3000/some/page?x=1' }))).toBe('http://localhost:3000');
    expect(claimedOrigin(h({}))).toBeUndefined();
    expect(claimedOrigin(h({ origin: 'null' }))).toBeNull();
    expect(claimedOrigin(h({ referer: 'not a url' }))).toBeNull();
  });
});

describe('isAllowedOrigin', () => {
  const own = { host: 'localhost:3000' };
  it('lets same-origin requests and non-browser requests through', () => {
    expect(isAllowedOrigin(h({ ...own, origin: 'http://localhost:3000' }), URL_, null)).toBe(true);
    expect(isAllowedOrigin(h({ ...own, referer: 'http://localhost:3000/' }), URL_, null)).toBe(true);
    expect(isAllowedOrigin(h(own), URL_, null)).toBe(true);
  });
  it('refuses other origins, including look-alikes', () => {
    for (const origin of [
      'http://evil.example',
      'http://localhost:3001',
      'https://localhost:3000',
      'http://localhost:3000.evil.example',
      'http://evil.example?localhost:3000',
      'null',
    ]) {
      expect(isAllowedOrigin(h({ ...own, origin }), URL_, null), origin).toBe(false);
    }
    expect(isAllowedOrigin(h({ ...own, referer: 'http://evil.example/http://localhost:3000' }), URL_, null)).toBe(false);
  });
  it('uses APP_ORIGIN instead of the request’s own origin when set', () => {
    const allowed = ['https://exports.example.com'];
    expect(isAllowedOrigin(h({ ...own, origin: 'https://exports.example.com' }), URL_, allowed)).toBe(true);
    expect(isAllowedOrigin(h({ ...own, origin: 'http://localhost:3000' }), URL_, allowed)).toBe(false);
  });
});
