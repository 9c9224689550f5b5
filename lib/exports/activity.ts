/**
 * The activity log's boundary, used on both sides: the query of `GET /api/activity` (and its CSV export), checked
 * before any database work, and the entries it answers.
 */
import { z } from 'zod';
import { exportKindSchema } from './schemas';
import { isIsoUtcSeconds } from './time-range';

export const ACTIVITY_ACTIONS = ['create', 'delete', 'download', 'denied'] as const;
export const activityActionSchema = z.enum(ACTIVITY_ACTIONS, {
  error: 'action must be one of "create", "delete", "download" or "denied".',
});
export type ActivityAction = z.infer<typeof activityActionSchema>;

export const ACTIVITY_PAGE_MAX = 100_000;
export const ACTIVITY_SIZE_MAX = 200;
export const ACTIVITY_SIZE_DEFAULT = 50;

/** A URL-synced form sends empty fields as `actor=`: those mean "no filter". */
const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const intParam = (name: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    blankIsUnset,
    z
      .string({ error: `${name} must be a whole number from ${min} to ${max}.` })
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return fallback;
        if (!/^\d{1,7}$/.test(v) || Number(v) < min || Number(v) > max) {
          ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}.` });
          return z.NEVER;
        }
        return Number(v);
      }),
  );

const timeParam = (name: string) =>
  z.preprocess(
    blankIsUnset,
    z
      .string()
      .refine(isIsoUtcSeconds, `${name} must be a time as yyyy-MM-ddTHH:mm:ssZ (UTC), for example 2026-10-31T16:00:00Z.`)
      .optional(),
  );

/**
 * An email or a user id as sign-in gives them (OIDC `sub`, a proxy's user name): letters, digits and `.`, `_`, `@`,
 * `+`, `-`, `|`, `:`. Quotes, spaces, semicolons and the like never occur in one, so SQL-looking text is refused here
 * (the query is parameterised anyway).
 */
const actorParam = z.preprocess(
  (v) => (typeof v === 'string' ? blankIsUnset(v.trim()) : v),
  z
    .string()
    .max(320, 'actor must be at most 320 characters.')
    .regex(/^[\p{L}\p{N}._@+\-|:]+$/u, 'actor must be an email address or a user id.')
    .optional(),
);

export const activityQuerySchema = z
  .object({
    page: intParam('page', 1, ACTIVITY_PAGE_MAX, 1),
    size: intParam('size', 1, ACTIVITY_SIZE_MAX, ACTIVITY_SIZE_DEFAULT),
    actor: actorParam,
    action: z.preprocess(blankIsUnset, activityActionSchema.optional()),
    kind: z.preprocess(blankIsUnset, z.optional(exportKindSchema)),
    from: timeParam('from'),
    to: timeParam('to'),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be earlier than from.' });
    }
  });
export type ActivityQuery = z.infer<typeof activityQuerySchema>;
/** The filters alone (the CSV export takes every matching entry, not a page). */
export type ActivityFilters = Omit<ActivityQuery, 'page' | 'size'>;

export const activityActorSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type ActivityActor = z.infer<typeof activityActorSchema>;

export const activityEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: activityActorSchema.nullable(),
  role: z.string().nullable(),
  action: activityActionSchema,
  kind: z.nullable(exportKindSchema),
  taskId: z.string().nullable(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  status: z.number().int(),
  code: z.string().optional(),
  requestId: z.string(),
  upstreamRequestId: z.string().optional(),
  ip: z.string().nullable(),
  /** GET /api/activity only: whether the entry's task was recorded and not deleted since (the page links only those). */
  taskExists: z.boolean().optional(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

export const activityPageSchema = z.object({
  page: z.number().int(),
  size: z.number().int(),
  total: z.number().int(),
  entries: z.array(activityEntrySchema),
});
export type ActivityPage = z.infer<typeof activityPageSchema>;
