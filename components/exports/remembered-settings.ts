/**
 * The list of tasks does not say how a task was made beyond its kind, period and name; this browser knows the rest
 * for the tasks it created. Remembered for the life of the page, so that "Run again" fills in the whole form and "a
 * task for this period already exists" can tell a flow export from a vas one.
 */
import type { TaskSettings } from './export-form-model';

export const rememberedSettings = new Map<string, TaskSettings>();
