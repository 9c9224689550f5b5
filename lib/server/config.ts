import 'server-only';
/**
 * The server's configuration, read from the environment once and validated, so that a typo in a variable stops the
 * server at start-up (see instrumentation.ts) instead of surfacing as odd behaviour on the first request.
 * Credentials are not part of it: they come from the official credentials chain (credentials.ts).
 */
import { z } from 'zod';
import { BrandedError } from './error-brand';

export interface ServerConfig {
  /** The upstream as the SDK wants it: a host (`host:port`) and a protocol, not a URL. */
  cdn: { endpoint: string; protocol: 'http' | 'https'; url: string };
  /** The IANA zone in which the form's dates are whole days. */
  reportTimeZone: string;
  maxQps: number;
  listCacheMs: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** Origins allowed to send state-changing requests; null means "the origin the request was made to". */
  appOrigins: string[] | null;
  /** Hosts download redirects may go to (`*.example.com` = any subdomain), lower case; null means any https host. */
  downloadHosts: string[] | null;
}

export class ConfigError extends BrandedError('ConfigError') {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

const DEFAULT_ENDPOINT = 'https://cdn.aliyuncs.com';

function isTimeZone(value: string): boolean {
  try {
    // Intl refuses unknown zones with a RangeError; it is the runtime's own list of IANA zones.
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An origin as browsers send it in `Origin`: scheme, host and non-default port only. */
export function toOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const intVar = (name: string, fallback: number, min: number, max: number) =>
  z.preprocess(
    blankIsUnset,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return fallback;
        const trimmed = v.trim();
        if (!/^\d+$/.test(trimmed) || Number(trimmed) < min || Number(trimmed) > max) {
          ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}` });
          return z.NEVER;
        }
        return Number(trimmed);
      }),
  );

/** A DNS host name of letters, digits and hyphens, optionally `*.` for any subdomain of it. */
const HOST_PATTERN = /^(\*\.)?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

const envSchema = z.object({
  CDN_ENDPOINT: z.preprocess(
    blankIsUnset,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        const raw = (v ?? DEFAULT_ENDPOINT).trim();
        let url: URL;
        try {
          url = new URL(raw);
        } catch {
          ctx.addIssue({ code: 'custom', message: 'CDN_ENDPOINT is not a URL (for example https://cdn.aliyuncs.com)' });
          return z.NEVER;
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
          ctx.addIssue({ code: 'custom', message: 'CDN_ENDPOINT must be an http:// or https:// URL' });
          return z.NEVER;
        }
        // The SDK signs requests for path "/" only, and would silently drop anything else here.
        if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) {
          ctx.addIssue({ code: 'custom', message: 'CDN_ENDPOINT must be a bare origin without path, query or credentials' });
          return z.NEVER;
        }
        const protocol = url.protocol === 'http:' ? ('http' as const) : ('https' as const);
        return { endpoint: url.host, protocol, url: url.origin };
      }),
  ),
  REPORT_TIME_ZONE: z.preprocess(
    blankIsUnset,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        const zone = (v ?? 'Asia/Shanghai').trim();
        if (!isTimeZone(zone)) {
          ctx.addIssue({ code: 'custom', message: `REPORT_TIME_ZONE "${zone}" is not an IANA time zone (for example Asia/Shanghai)` });
          return z.NEVER;
        }
        return zone;
      }),
  ),
  CDN_MAX_QPS: intVar('CDN_MAX_QPS', 50, 1, 10_000),
  CDN_LIST_CACHE_MS: intVar('CDN_LIST_CACHE_MS', 2000, 0, 60_000),
  CDN_CONNECT_TIMEOUT_MS: intVar('CDN_CONNECT_TIMEOUT_MS', 3000, 100, 60_000),
  CDN_READ_TIMEOUT_MS: intVar('CDN_READ_TIMEOUT_MS', 10_000, 100, 60_000),
  APP_ORIGIN: z.preprocess(
    blankIsUnset,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return null;
        const origins: string[] = [];
        for (const part of v.split(',').map((s) => s.trim()).filter(Boolean)) {
          const origin = toOrigin(part);
          if (!origin) {
            ctx.addIssue({ code: 'custom', message: `APP_ORIGIN "${part}" is not an http(s) origin (for example https://cdn-exports.example.com)` });
            return z.NEVER;
          }
          origins.push(origin);
        }
        return origins.length > 0 ? origins : null;
      }),
  ),
  CDN_DOWNLOAD_HOSTS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return null;
        const hosts: string[] = [];
        for (const part of v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
          if (!HOST_PATTERN.test(part)) {
            ctx.addIssue({
              code: 'custom',
              message: `CDN_DOWNLOAD_HOSTS "${part}" is not a host name or *.domain (for example cdn-polaris.oss-cn-hangzhou.aliyuncs.com,*.aliyuncs.com)`,
            });
            return z.NEVER;
          }
          hosts.push(part);
        }
        return hosts.length > 0 ? hosts : null;
      }),
  ),
});

/** Pure: validates an environment. Exported for tests; the app uses getConfig(). */
export function parseConfig(env: Record<string, string | undefined>): ServerConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => issue.message));
  }
  const v = result.data;
  return {
    cdn: v.CDN_ENDPOINT,
    reportTimeZone: v.REPORT_TIME_ZONE,
    maxQps: v.CDN_MAX_QPS,
    listCacheMs: v.CDN_LIST_CACHE_MS,
    connectTimeoutMs: v.CDN_CONNECT_TIMEOUT_MS,
    readTimeoutMs: v.CDN_READ_TIMEOUT_MS,
    appOrigins: v.APP_ORIGIN,
    downloadHosts: v.CDN_DOWNLOAD_HOSTS,
  };
}

let cached: ServerConfig | undefined;

/** The configuration of this process, read on first use. Throws ConfigError naming each bad variable. */
export function getConfig(): ServerConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests only: forget the memoised configuration. */
export function resetConfigForTests(): void {
  cached = undefined;
}
