/**
 * The emulator's configuration from the environment (`CDN_EMULATOR_*`), validated once at start-up so that a typo
 * fails loudly with one line instead of surfacing later as a confusing signature or connection error.
 */
import { z } from 'zod';
import { parseHostNameList } from './host-names';
import type { EmulatorOptions } from './server';

export const DEFAULT_DOMAINS = ['www.example.com', 'static.example.com', 'img.example.com'] as const;

export const EMULATOR_DEFAULTS: Readonly<EmulatorOptions> = Object.freeze({
  host: '127.0.0.1',
  port: 4100,
  accessKeyId: 'emulator-key-id',
  accessKeySecret: 'emulator-key-secret',
  domains: [...DEFAULT_DOMAINS],
  taskMs: 5000,
  urlTtlS: 3600,
});

export class EmulatorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

// An empty variable (`CDN_EMULATOR_PORT=`) means "use the default", as shells and .env files commonly produce them.
const unset = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    unset,
    z
      .string()
      .trim()
      .regex(/^\d{1,10}$/, message)
      .transform(Number)
      .pipe(z.number().int().min(min, message).max(max, message))
      .optional(),
  );
}

function text(what: string) {
  return z.preprocess(
    unset,
    z
      .string()
      .trim()
      .max(256, `must be at most 256 characters`)
      .regex(/^\S+$/, `must be ${what} without spaces`)
      .optional(),
  );
}

const envSchema = z.object({
  CDN_EMULATOR_PORT: wholeNumber(0, 65535),
  CDN_EMULATOR_HOST: z.preprocess(
    unset,
    z
      .string()
      .trim()
      .regex(/^(?:[A-Za-z0-9.-]+|\[?[0-9A-Fa-f:.]+\]?)$/, 'must be a host name or an IP address, without a scheme or port')
      .transform((host) => host.replace(/^\[(.*)\]$/, '$1'))
      .optional(),
  ),
  CDN_EMULATOR_ACCESS_KEY_ID: text('an access key id'),
  CDN_EMULATOR_ACCESS_KEY_SECRET: text('an access key secret'),
  CDN_EMULATOR_DOMAINS: z.preprocess(
    unset,
    z
      .string()
      .transform((list, ctx) => {
        const domains = parseHostNameList(list);
        if (!domains) {
          ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of valid host names' });
          return z.NEVER;
        }
        return domains;
      })
      .optional(),
  ),
  CDN_EMULATOR_TASK_MS: wholeNumber(0, 86_400_000),
  CDN_EMULATOR_URL_TTL_S: wholeNumber(1, 7 * 86_400),
});

export function emulatorOptionsFromEnv(env: Env = process.env): EmulatorOptions {
  const parsed = envSchema.safeParse({
    CDN_EMULATOR_PORT: env.CDN_EMULATOR_PORT,
    CDN_EMULATOR_HOST: env.CDN_EMULATOR_HOST,
    CDN_EMULATOR_ACCESS_KEY_ID: env.CDN_EMULATOR_ACCESS_KEY_ID,
    CDN_EMULATOR_ACCESS_KEY_SECRET: env.CDN_EMULATOR_ACCESS_KEY_SECRET,
    CDN_EMULATOR_DOMAINS: env.CDN_EMULATOR_DOMAINS,
    CDN_EMULATOR_TASK_MS: env.CDN_EMULATOR_TASK_MS,
    CDN_EMULATOR_URL_TTL_S: env.CDN_EMULATOR_URL_TTL_S,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      // Secrets are never echoed, whatever is wrong with them.
      const got = name === 'CDN_EMULATOR_ACCESS_KEY_SECRET' ? '' : ` (got ${JSON.stringify(env[name] ?? '')})`;
      return `${name} ${issue.message}${got}`;
    });
    throw new EmulatorConfigError(`Invalid CDN emulator configuration: ${problems.join('; ')}.`);
  }
  const e = parsed.data;
  return {
    host: e.CDN_EMULATOR_HOST ?? EMULATOR_DEFAULTS.host,
    port: e.CDN_EMULATOR_PORT ?? EMULATOR_DEFAULTS.port,
    accessKeyId: e.CDN_EMULATOR_ACCESS_KEY_ID ?? EMULATOR_DEFAULTS.accessKeyId,
    accessKeySecret: e.CDN_EMULATOR_ACCESS_KEY_SECRET ?? EMULATOR_DEFAULTS.accessKeySecret,
    domains: e.CDN_EMULATOR_DOMAINS ?? [...EMULATOR_DEFAULTS.domains],
    taskMs: e.CDN_EMULATOR_TASK_MS ?? EMULATOR_DEFAULTS.taskMs,
    urlTtlS: e.CDN_EMULATOR_URL_TTL_S ?? EMULATOR_DEFAULTS.urlTtlS,
  };
}
