/**
 * One schema per boundary, used on both sides: the form validates with the same rules the route enforces, and the
 * browser parses every answer of the BFF with the schemas that describe it. Written with `zod/mini`, whose functions
 * a bundler can leave out when unused: the browser's first load carries a fraction of classic zod's size.
 */
import { z } from 'zod/mini';
import { DOMAINS_MAX, EXPORT_KINDS, NAME_MAX, PAGE_MAX, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './kinds-and-limits';
import { checkUtcRange, isIsoUtcSeconds } from './time-range';

export { DOMAINS_MAX, EXPORT_KINDS, NAME_MAX, PAGE_MAX, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, PAGE_SIZES, type ExportKind } from './kinds-and-limits';

export const exportKindSchema = z.enum(EXPORT_KINDS, { error: 'kind must be "summary" or "detail".' });

/**
 * CDN's three words, plus `unknown` for a status CDN reported that this dashboard does not know (the reference does
 * not enumerate the detail list's statuses): shown as such, never as ready, never downloadable.
 */
export const TASK_STATUSES = ['created', 'success', 'failed', 'unknown'] as const;
const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

const LANGUAGES = ['zh-cn', 'en-us'] as const;
export const languageSchema = z.enum(LANGUAGES, { error: 'language must be "zh-cn" or "en-us".' });
export type Language = z.infer<typeof languageSchema>;

const DETAIL_TYPES = ['flow', 'vas'] as const;
export const detailTypeSchema = z.enum(DETAIL_TYPES, { error: 'type must be "flow" or "vas".' });
export type DetailType = z.infer<typeof detailTypeSchema>;

export const isoUtcSchema = z
  .string({ error: 'Expected a time as yyyy-MM-ddTHH:mm:ssZ (UTC).' })
  .check(z.refine(isIsoUtcSeconds, 'Expected a time as yyyy-MM-ddTHH:mm:ssZ (UTC), for example 2026-10-31T16:00:00Z.'));

/**
 * A DNS host name: labels of letters, digits and hyphens. CDN writes a wildcard domain with a leading dot
 * (`.example.com`) and refuses the `*.example.com` spelling, so only the former is a host name here.
 */
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
export function isHostName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = (value.startsWith('.') ? value.slice(1) : value).split('.');
  if (labels.length < 2) return false;
  // An all-digit last label is an IP address or a typo, never a domain CDN serves: CDN refuses it too.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return false;
  return labels.every((label) => HOST_LABEL.test(label));
}

function hostNameProblem(input: unknown): string {
  const text = String(input);
  if (text.startsWith('*.')) {
    return `"${text}": write a wildcard domain as CDN does, with a leading dot: "${text.slice(1)}".`;
  }
  return `"${text}" is not a valid host name.`;
}

export const domainNameSchema = z
  .string()
  .check(z.trim(), z.toLowerCase(), z.refine(isHostName, { error: (issue) => hostNameProblem(issue.input) }));

/**
 * JSON can spell half of a UTF-16 surrogate pair (`"\\ud800"`), which is no character at all: it cannot be
 * percent-encoded for CDN (the SDK's signing throws on it) and would show as garbage anyway.
 */
const isWellFormed = (v: string) => !/\p{Cs}/u.test(v);

/** No control characters: a name ends up in a file name and in CDN's own console. */
export const taskNameSchema = z
  .string({ error: 'name must be text.' })
  .check(
    z.trim(),
    z.minLength(1, 'The name cannot be blank: leave it out for a default from the period.'),
    z.maxLength(NAME_MAX, `The name is at most ${NAME_MAX} characters.`),
    z.refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'The name cannot hold control characters.'),
    z.refine(isWellFormed, 'The name holds a broken character (half of a surrogate pair).'),
  );

export const groupNameSchema = z
  .string({ error: 'group must be text.' })
  .check(
    z.trim(),
    z.minLength(1, 'The group name cannot be blank.'),
    z.maxLength(NAME_MAX, `A group name is at most ${NAME_MAX} characters.`),
    z.refine((v) => !/[,\u0000-\u001f\u007f]/.test(v), 'A group name cannot hold commas or control characters.'),
    z.refine(isWellFormed, 'The group name holds a broken character (half of a surrogate pair).'),
  );

const timeFields = {
  startTime: isoUtcSchema,
  endTime: isoUtcSchema,
  name: z.optional(taskNameSchema),
  language: z.optional(languageSchema),
};

const summaryInput = z.strictObject(
  { kind: z.literal('summary'), ...timeFields },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}.` : undefined) },
);

const detailInput = z
  .strictObject(
    {
      kind: z.literal('detail'),
      ...timeFields,
      type: detailTypeSchema,
      domains: z.optional(
        z.pipe(
          z.array(domainNameSchema, { error: 'domains must be a list of host names.' }).check(
            z.minLength(1, 'List at least one domain, or leave domains out for all domains.'),
            z.maxLength(DOMAINS_MAX, `At most ${DOMAINS_MAX} domains.`),
          ),
          // Names are compared lower-cased: the same domain listed twice is exported once.
          z.transform((domains: string[]) => [...new Set(domains)]),
        ),
      ),
      group: z.optional(groupNameSchema),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}.` : undefined) },
  )
  .check(
    z.refine((v) => !(v.domains && v.group), {
      path: ['group'],
      error: 'Give either a domain group or a list of domains, not both.',
    }),
  );

export interface TimeContext {
  /** Milliseconds since the epoch; the server's clock on the route, the browser's in the form. */
  now: number;
  timeZone: string;
}

/**
 * The body of `POST /api/exports`. Its time rules depend on the clock and the report time zone, so it is built
 * per request (or per keystroke) with both.
 */
export function createExportSchema(ctx: TimeContext) {
  return z
    .discriminatedUnion('kind', [summaryInput, detailInput], {
      error: (issue) => (issue.code === 'invalid_union' ? 'kind must be "summary" or "detail".' : undefined),
    })
    .check(
      z.superRefine((value, issueCtx) => {
        for (const problem of checkUtcRange(value, ctx.now, ctx.timeZone)) {
          issueCtx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
        }
      }),
    );
}
export type CreateExportInput = z.infer<ReturnType<typeof createExportSchema>>;

/** Query strings arrive as text; page and size default as CDN's own do. */
const intParam = (name: string, min: number, max: number, fallback: number) =>
  z.pipe(
    z.optional(z.string()),
    z.transform((v: string | undefined, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
        ctx.issues.push({ code: 'custom', input: v, message: `${name} must be a whole number from ${min} to ${max}.` });
        return z.NEVER;
      }
      return Number(v);
    }),
  );

export const listQuerySchema = z.object({
  kind: exportKindSchema,
  page: intParam('page', 1, PAGE_MAX, 1),
  size: intParam('size', 1, PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const taskIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'A task id is 1-64 letters, digits or hyphens.'));

// ---- Answers of the BFF ----

export const taskCreatorSchema = z.object({ name: z.string(), email: z.nullable(z.string()) });
export type TaskCreator = z.infer<typeof taskCreatorSchema>;

export const exportTaskSchema = z.object({
  id: z.string(),
  kind: exportKindSchema,
  name: z.string(),
  status: taskStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  downloadable: z.boolean(),
  /** Who created it through the dashboard; null when made outside it or before the record began (absent: not known yet). */
  createdBy: z.optional(z.nullable(taskCreatorSchema)),
});
export type ExportTask = z.infer<typeof exportTaskSchema>;

export const exportTaskPageSchema = z.object({
  kind: exportKindSchema,
  page: z.int(),
  size: z.int(),
  total: z.int(),
  fetchedAt: z.string(),
  tasks: z.array(exportTaskSchema),
});
export type ExportTaskPage = z.infer<typeof exportTaskPageSchema>;

export const createdExportSchema = z.object({
  task: z.object({
    id: z.string(),
    kind: exportKindSchema,
    name: z.string(),
    startTime: z.string(),
    endTime: z.string(),
  }),
  requestId: z.optional(z.string()),
});
export type CreatedExport = z.infer<typeof createdExportSchema>;

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.optional(z.string()),
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  upstream: z.object({ reachable: z.boolean(), latencyMs: z.optional(z.nullable(z.number())) }),
  /** The record's database; the server answers 503 while it is down. */
  store: z.optional(z.object({ kind: z.enum(['embedded', 'postgres']), ok: z.boolean() })),
});
export type Health = z.infer<typeof healthSchema>;

/**
 * Turns zod issues into the `fields` map of the error shape: the first message per top-level field. A Map first, so
 * that a client's field named `__proto__` or `constructor` is reported like any other, not lost to Object.prototype.
 */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const fields = new Map<string, string>();
  const add = (key: string, message: string) => {
    if (!fields.has(key)) fields.set(key, message);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) add(k, `Unknown field: ${k}.`);
    } else {
      add(issue.path.length > 0 ? String(issue.path[0]) : 'body', issue.message);
    }
  }
  return Object.fromEntries(fields);
}
