import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('parseConfig', () => {
  it('has the documented defaults', () => {
    expect(parseConfig({})).toEqual({
      cdn: { endpoint: 'cdn.aliyuncs.com', protocol: 'https', url: 'https://cdn.aliyuncs.com' },
      reportTimeZone: 'Asia/Shanghai',
      maxQps: 50,
      listCacheMs: 2000,
      connectTimeoutMs: 3000,
      readTimeoutMs: 10_000,
      appOrigins: null,
      downloadHosts: null,
    });
  });

  it('reads CDN_DOWNLOAD_HOSTS as lower-case host names and *.domain patterns, and refuses anything else', () => {
    expect(parseConfig({ CDN_DOWNLOAD_HOSTS: ' Files.Example.com, *.aliyuncs.com ,' }).downloadHosts).toEqual([
      'files.example.com',
      '*.aliyuncs.com',
    ]);
    expect(parseConfig({ CDN_DOWNLOAD_HOSTS: ' ' }).downloadHosts).toBeNull();
    for (const bad of ['https://files.example.com', 'files.example.com:443', 'a.*.example.com', '*', 'files..example.com', 'bad_host.example']) {
      expect(problemsOf({ CDN_DOWNLOAD_HOSTS: bad }).join(), bad).toMatch(/CDN_DOWNLOAD_HOSTS/);
    }
  });

  it('turns the endpoint URL into the host and protocol the SDK wants', () => {
    expect(parseConfig({ CDN_ENDPOINT: 'http://127.0.0.1:4100' }).cdn).toEqual({
      endpoint: '127.0.0.1:4100',
      protocol: 'http',
      url: 'http://127.0.0.1:4100',
    });
    expect(parseConfig({ CDN_ENDPOINT: 'https://cdn.ap-southeast-1.aliyuncs.com/' }).cdn.endpoint).toBe('cdn.ap-southeast-1.aliyuncs.com');
  });

  it('reads numbers, zones and origins', () => {
    const config = parseConfig({
      REPORT_TIME_ZONE: 'Europe/Berlin',
      CDN_MAX_QPS: '20',
      CDN_LIST_CACHE_MS: '0',
      CDN_CONNECT_TIMEOUT_MS: '500',
      CDN_READ_TIMEOUT_MS: '4000',
      APP_ORIGIN: 'https://exports.example.com, http://localhost:3000/',
    });
    expect(config).toMatchObject({
      reportTimeZone: 'Europe/Berlin',
      maxQps: 20,
      listCacheMs: 0,
      connectTimeoutMs: 500,
      readTimeoutMs: 4000,
      appOrigins: ['https://exports.example.com', 'http://localhost:3000'],
    });
  });

  it('treats blank variables as unset', () => {
    expect(parseConfig({ CDN_ENDPOINT: '', CDN_MAX_QPS: ' ', APP_ORIGIN: '' })).toMatchObject({ maxQps: 50, appOrigins: null });
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({
      CDN_ENDPOINT: 'not a url',
      REPORT_TIME_ZONE: 'Mars/Olympus_Mons',
      CDN_MAX_QPS: '0',
      CDN_LIST_CACHE_MS: '-1',
      CDN_CONNECT_TIMEOUT_MS: 'soon',
      CDN_READ_TIMEOUT_MS: '1.5',
      APP_ORIGIN: 'ftp://x',
    });
    expect(problems).toHaveLength(7);
    for (const name of ['CDN_ENDPOINT', 'REPORT_TIME_ZONE', 'CDN_MAX_QPS', 'CDN_LIST_CACHE_MS', 'CDN_CONNECT_TIMEOUT_MS', 'CDN_READ_TIMEOUT_MS', 'APP_ORIGIN']) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
    expect(problems[0]).toBe('CDN_ENDPOINT is not a URL (for example https://cdn.aliyuncs.com)');
  });

  it('refuses endpoints the SDK cannot use', () => {
    expect(problemsOf({ CDN_ENDPOINT: 'ftp://cdn.aliyuncs.com' })[0]).toMatch(/CDN_ENDPOINT must be an http/);
    expect(problemsOf({ CDN_ENDPOINT: 'https://cdn.aliyuncs.com/api' })[0]).toMatch(/bare origin/);
    expect(problemsOf({ CDN_ENDPOINT: 'https://user:pw@cdn.aliyuncs.com' })[0]).toMatch(/bare origin/);
  });

  it('the ConfigError message lists the problems on one line', () => {
    expect(() => parseConfig({ CDN_MAX_QPS: 'many' })).toThrow(new ConfigError(['CDN_MAX_QPS must be a whole number from 1 to 10000']));
  });
});
