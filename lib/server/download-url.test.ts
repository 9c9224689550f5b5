import { describe, expect, it } from 'vitest';
import { checkDownloadUrl, downloadUrlPolicy, hostMatches, HTTPS_ANYWHERE } from './download-url';

describe('checkDownloadUrl', () => {
  it('passes a well-formed https URL in its normalised form', () => {
    expect(checkDownloadUrl('HTTPS://Files.Example.COM:443/a b/./x.pdf?Expires=1&Signature=a%2Fb', HTTPS_ANYWHERE)).toEqual({
      ok: true,
      href: 'https://files.example.com/a%20b/x.pdf?Expires=1&Signature=a%2Fb',
    });
  });

  it('refuses control characters, other schemes, credentials and unparsable URLs with a reason', () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'missing'],
      ['', 'missing'],
      ['https://files.example.com/x\r\nSet-Cookie: a=b', 'controlCharacters'],
      ['https://files.example.com/x\u0000', 'controlCharacters'],
      ['https://files.example.com/\tx', 'controlCharacters'],
      ['https://files.example.com/x\u0085', 'controlCharacters'],
      ['javascript:alert(1)', 'scheme'],
      ['data:text/html,x', 'scheme'],
      ['ftp://files.example.com/x', 'scheme'],
      ['http://files.example.com/x', 'scheme'],
      ['http://127.0.0.1:4100/x', 'scheme'],
      ['//files.example.com/x', 'malformed'],
      ['files.example.com/x', 'malformed'],
      ['https://', 'malformed'],
      ['https://user:pw@files.example.com/x', 'credentials'],
    ];
    for (const [raw, reason] of cases) expect(checkDownloadUrl(raw, HTTPS_ANYWHERE), String(raw)).toEqual({ ok: false, reason });
  });

  it('allows plain http to loopback only while the upstream itself is loopback http', () => {
    const emulator = downloadUrlPolicy('http://127.0.0.1:4100', null);
    expect(checkDownloadUrl('http://127.0.0.1:4100/files/x?sig=1', emulator)).toEqual({ ok: true, href: 'http://127.0.0.1:4100/files/x?sig=1' });
    expect(checkDownloadUrl('http://files.example.com/x', emulator)).toEqual({ ok: false, reason: 'scheme' });
    const real = downloadUrlPolicy('https://cdn.aliyuncs.com', null);
    expect(checkDownloadUrl('http://127.0.0.1:4100/files/x', real)).toEqual({ ok: false, reason: 'scheme' });
    const remoteHttp = downloadUrlPolicy('http://cdn.internal.example', null);
    expect(checkDownloadUrl('http://127.0.0.1:4100/files/x', remoteHttp)).toEqual({ ok: false, reason: 'scheme' });
  });

  it('sends only to CDN_DOWNLOAD_HOSTS when set', () => {
    const policy = downloadUrlPolicy('https://cdn.aliyuncs.com', ['files.example.com', '*.aliyuncs.com']);
    expect(checkDownloadUrl('https://files.example.com/x', policy).ok).toBe(true);
    expect(checkDownloadUrl('https://cdn-polaris.oss-cn-hangzhou.aliyuncs.com/x', policy).ok).toBe(true);
    for (const refused of ['https://aliyuncs.com/x', 'https://evil.example/x', 'https://files.example.com.evil.example/x', 'https://evilaliyuncs.com/x']) {
      expect(checkDownloadUrl(refused, policy), refused).toEqual({ ok: false, reason: 'host' });
    }
  });
});

describe('hostMatches', () => {
  it('matches exact names, and *.domain for subdomains only', () => {
    expect(hostMatches('a.example.com', '*.example.com')).toBe(true);
    expect(hostMatches('a.b.example.com', '*.example.com')).toBe(true);
    expect(hostMatches('example.com', '*.example.com')).toBe(false);
    expect(hostMatches('xexample.com', '*.example.com')).toBe(false);
    expect(hostMatches('example.com', 'example.com')).toBe(true);
  });
});
