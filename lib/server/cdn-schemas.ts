import 'server-only';
/**
 * The documented shapes of CDN's answers (PascalCase, as on the wire), checked before anything reads them. They are
 * deliberately lenient where the references disagree (TaskId a string or a number, numbers sometimes as digit
 * strings, an empty page without `Data`). A list's items are checked one by one (the SDK's models make every field
 * optional and the reference does not enumerate the detail list's statuses): one odd item must not turn the whole
 * list into a 502, so the page's shape is strict and each item is read as far as it can be (mappers.ts).
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

/** A field that is dropped (undefined) when it is missing or not what the reference says, instead of failing. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/**
 * One list item, as much of it as can be read: every field falls back to undefined on its own. The mapper decides
 * what an item without one of them becomes (an unknown status, a default name, or, without an id, nothing).
 */
const vendorTaskItemSchema = z.object({
  TaskId: lenient(taskId),
  TaskName: lenient(z.string()),
  Status: lenient(z.string()),
  CreateTime: lenient(instant),
  UpdateTime: lenient(instant),
  DownloadUrl: lenient(z.string()),
  TaskConfig: lenient(z.object({ StartTime: lenient(instant), EndTime: lenient(instant) })),
});
export type VendorTaskItem = z.infer<typeof vendorTaskItemSchema>;

/** An item that is not even an object is kept as null, for the mapper to drop and report. */
const vendorListEntry = z.union([vendorTaskItemSchema, z.unknown().transform(() => null)]);

export const vendorTaskListSchema = z.object({
  RequestId: z.string().optional(),
  UsageDataPerPage: z.object({
    PageNumber: count.optional(),
    PageSize: count.optional(),
    TotalCount: count,
    Data: z.object({ DataItem: z.array(vendorListEntry).optional() }).optional(),
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
