/**
 * The list of tasks does not say a detail task's data type, but this browser knows it for the tasks it created.
 * Remembered for the life of the page, so "a task for this period already exists" can tell flow from vas for them.
 */
import type { DetailType } from '@/lib/exports/schemas';

export const rememberedDetailTypes = new Map<string, DetailType>();
