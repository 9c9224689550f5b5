import 'server-only';
/**
 * The documented shapes of CDN's answers (PascalCase, as on the wire), checked before anything reads them. They are
 * deliberately lenient where the references disagree (TaskId a string or a number, numbers sometimes as digit
 * strings, an empty page without `Data`) and strict where our users depend on a field (status, times, ids).
 * Only mappers.ts reads the parsed values.
 */
import { z } from 'zod';

const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** Older examples print TaskId as a number; we keep ids as strings everywhere. */
const taskId = z.union([
  z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  z.number().int().nonnegative().transform(String),
]);

/** Any instant Date can read; the mapper reformats it as yyyy-MM-ddTHH:mm:ssZ. */
const instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a time');

export const vendorTaskItemSchema = z.object({
  TaskId: taskId,
  TaskName: z.string().optional(),
  Status: z.enum(['created', 'success', 'failed']),
  CreateTime: instant,
  UpdateTime: instant.optional(),
  DownloadUrl: z.string().optional(),
  TaskConfig: z.object({ StartTime: instant, EndTime: instant }),
});
export type VendorTaskItem = z.infer<typeof vendorTaskItemSchema>;

export const vendorTaskListSchema = z.object({
  RequestId: z.string().optional(),
  UsageDataPerPage: z.object({
    PageNumber: count.optional(),
    PageSize: count.optional(),
    TotalCount: count,
    Data: z.object({ DataItem: z.array(vendorTaskItemSchema).optional() }).optional(),
  }),
});
export type VendorTaskList = z.infer<typeof vendorTaskListSchema>;

export const vendorCreatedSchema = z.object({
  RequestId: z.string().optional(),
  TaskId: taskId,
  StartTime: instant.optional(),
  EndTime: instant.optional(),
});
export type VendorCreated = z.infer<typeof vendorCreatedSchema>;

export const vendorDeletedSchema = z.object({ RequestId: z.string().optional() });
