/**
 * The create-export form as plain data: its values, how they become the request body, and what is wrong with them.
 * Validation runs THE schema the route runs (`createExportSchema`), so the form never sends what the server refuses
 * and shows the server's own words while the user types.
 */
import { NAME_MAX, type ExportKind } from '@/lib/exports/kinds-and-limits';
import type * as SchemasModule from '@/lib/exports/schemas';
import type { CreateExportInput, DetailType, ExportTask, Language, TimeContext } from '@/lib/exports/schemas';
import { defaultTaskName } from '@/lib/exports/task-name';
import {
  checkUtcRange,
  dayCount,
  dayOf,
  dayRangeToUtc,
  earliestStartUtc,
  isPlainDate,
  MAX_RANGE_DAYS,
  MAX_RANGE_MS,
  presetRange,
  utcToDayRange,
  type DayRange,
  type PlainDate,
  type UtcRange,
} from '@/lib/exports/time-range';
import { nextDay, pieceName, splitPlan } from './split-plan';

export type DomainScope = 'all' | 'domains' | 'group';

export interface ExportFormValues {
  /** `yyyy-MM-dd` in the report time zone, or '' while unset. */
  from: string;
  to: string;
  name: string;
  language: Language;
  /** Details only. */
  type: DetailType;
  scope: DomainScope;
  /** Free text: one host name per line, or separated by commas or spaces. */
  domains: string;
  group: string;
}

export type FormField = 'from' | 'to' | 'name' | 'language' | 'type' | 'domains' | 'group';
export type FormErrors = Partial<Record<FormField, string>>;

/**
 * English files by default: the dashboard itself is in English, and whoever wants Chinese files picks zh-cn once.
 */
const DEFAULT_LANGUAGE: Language = 'en-us';

export function todayIn(now: number, timeZone: string): PlainDate {
  return dayOf(now, timeZone);
}

/** The first whole day CDN still has data for: its midnight must not be more than a year ago. */
export function earliestDay(now: number, timeZone: string): PlainDate {
  const earliest = earliestStartUtc(now).getTime();
  const day = dayOf(earliest, timeZone);
  const start = Date.parse(dayRangeToUtc({ from: day, to: day }, timeZone).startTime);
  return start < earliest ? nextDay(day) : day;
}

/** Yesterday is always a valid range, so a fresh form can be submitted as it is. */
export function initialFormValues(now: number, timeZone: string): ExportFormValues {
  return {
    ...presetRange('yesterday', now, timeZone),
    name: '',
    language: DEFAULT_LANGUAGE,
    type: 'flow',
    scope: 'all',
    domains: '',
    group: '',
  };
}

/** Host names from free text, in the order given, without repeats. */
export function parseDomains(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    const host = part.trim().toLowerCase();
    if (host) seen.add(host);
  }
  return [...seen];
}

/** The days the form currently names, when both ends are real dates (in either order). */
export function formDays(values: Pick<ExportFormValues, 'from' | 'to'>): DayRange | null {
  return isPlainDate(values.from) && isPlainDate(values.to) ? { from: values.from, to: values.to } : null;
}

export function namePlaceholder(kind: ExportKind, values: ExportFormValues): string {
  const days = formDays(values);
  if (!days || days.from > days.to) return 'Named after the period';
  return defaultTaskName(kind, days, kind === 'detail' ? values.type : undefined);
}

/** The body as the user wrote it, before the schema has had its say. */
function rawBody(kind: ExportKind, values: ExportFormValues, times: UtcRange, name: string | undefined): unknown {
  const common = { ...times, ...(name ? { name } : {}), language: values.language };
  if (kind === 'summary') return { kind, ...common };
  return {
    kind,
    ...common,
    type: values.type,
    ...(values.scope === 'domains' ? { domains: parseDomains(values.domains) } : {}),
    ...(values.scope === 'group' ? { group: values.group } : {}),
  };
}

const SCHEMA_TO_FORM: Record<string, FormField> = {
  startTime: 'from',
  endTime: 'to',
  name: 'name',
  language: 'language',
  type: 'type',
  domains: 'domains',
  group: 'group',
};

export interface FormCheck {
  /** The body to send, when the form is valid. */
  body: CreateExportInput | null;
  errors: FormErrors;
  /** Problems that belong to no field (should not happen; shown above the button if they do). */
  otherErrors: string[];
  /**
   * When the only problem is that the range is longer than CDN allows, the consecutive monthly pieces it can be
   * split into, each a valid task of its own.
   */
  split: DayRange[] | null;
}

/** What the form shows before the rules have loaded: no verdict yet, so no errors and nothing to split. */
export const NOT_CHECKED_YET: FormCheck = { body: null, errors: {}, otherErrors: [], split: null };

/**
 * The route's own rules, handed in by the caller once lib/exports/schemas.ts has loaded (lib/api/load-schemas.ts):
 * this module imports no zod, so the form can render and hydrate before the schemas arrive.
 */
export type CreateRules = Pick<typeof SchemasModule, 'createExportSchema' | 'fieldErrors'>;

export function checkExportForm(kind: ExportKind, values: ExportFormValues, ctx: TimeContext, rules: CreateRules): FormCheck {
  const { createExportSchema, fieldErrors } = rules;
  const errors: FormErrors = {};
  const otherErrors: string[] = [];
  if (!isPlainDate(values.from)) {
    errors.from = values.from === '' ? 'Pick a start date.' : 'Enter the start as a date, yyyy-mm-dd.';
  }
  if (!isPlainDate(values.to)) {
    errors.to = values.to === '' ? 'Pick an end date.' : 'Enter the end as a date, yyyy-mm-dd.';
  }
  const days = formDays(values);
  // Without both dates the other fields are still checked by the same schema, against a stand-in period.
  const times = dayRangeToUtc(days ?? presetRange('yesterday', ctx.now, ctx.timeZone), ctx.timeZone);
  const name = values.name.trim() === '' ? undefined : values.name;
  const parsed = createExportSchema(ctx).safeParse(rawBody(kind, values, times, name));

  if (!parsed.success) {
    for (const [key, message] of Object.entries(fieldErrors(parsed.error))) {
      const field = SCHEMA_TO_FORM[key];
      if (!field) otherErrors.push(message);
      else if ((field === 'from' || field === 'to') && !days) continue;
      else errors[field] ??= message;
    }
  }

  // CDN counts 31 days as 31 × 24 hours. Its message ("at most 31 days") puzzles someone who picked 31 days or fewer
  // in a zone whose clocks went back in between: say what happened instead.
  if (days && days.from <= days.to && dayCount(days) <= MAX_RANGE_DAYS) {
    const endProblems = checkUtcRange(times, ctx.now, ctx.timeZone).filter((problem) => problem.field === 'endTime');
    if (endProblems.length === 1 && Date.parse(times.endTime) - Date.parse(times.startTime) > MAX_RANGE_MS) {
      errors.to = `In ${ctx.timeZone} these days include the end of summer time, so they last an hour longer than the ${MAX_RANGE_DAYS} × 24 hours CDN allows in one task. Split them into two tasks.`;
    }
  }

  const valid = parsed.success && days !== null;
  // Only a range refused for its end alone (its length) is offered as a split.
  const onlyTooLong = errors.to !== undefined && Object.keys(errors).every((field) => field === 'to');
  return {
    body: valid ? parsed.data : null,
    errors,
    otherErrors,
    split: days && onlyTooLong ? splitPlan(days, ctx) : null,
  };
}

/** The bodies of a split, one per piece, each checked by the schema like any other submission. */
export function splitBodies(
  kind: ExportKind,
  values: ExportFormValues,
  pieces: DayRange[],
  ctx: TimeContext,
  rules: CreateRules,
): CreateExportInput[] {
  const schema = rules.createExportSchema(ctx);
  return pieces.map((piece, i) =>
    schema.parse(rawBody(kind, values, dayRangeToUtc(piece, ctx.timeZone), pieceName(values.name, i, pieces.length))),
  );
}

/**
 * What the list of tasks does not say about a task: its file language and, for details, the data type and domains.
 * This browser knows them for the tasks it created (see remembered-settings.ts).
 */
export type TaskSettings = Partial<Pick<ExportFormValues, 'language' | 'type' | 'scope' | 'domains' | 'group'>>;

export function settingsOf(body: CreateExportInput): TaskSettings {
  const language = body.language ?? DEFAULT_LANGUAGE;
  if (body.kind === 'summary') return { language };
  const scope: DomainScope = body.domains ? 'domains' : body.group ? 'group' : 'all';
  return { language, type: body.type, scope, domains: body.domains?.join('\n') ?? '', group: body.group ?? '' };
}

/**
 * A task that the new one would repeat: same kind and period, not failed, and — when this browser remembers how the
 * task was made — the same settings. A task it knows nothing more of counts as a repeat: asking once too often is
 * better than a second copy made unasked.
 */
export function findDuplicate(
  body: CreateExportInput,
  tasks: readonly ExportTask[],
  remembered: ReadonlyMap<string, TaskSettings>,
): ExportTask | undefined {
  const mine = settingsOf(body);
  return tasks.find((task) => {
    if (task.kind !== body.kind || task.status === 'failed') return false;
    if (task.startTime !== body.startTime || task.endTime !== body.endTime) return false;
    const known = remembered.get(task.id);
    return !known || (Object.keys(known) as (keyof TaskSettings)[]).every((key) => known[key] === mine[key]);
  });
}

/**
 * "Run again": the task's days and name, and the settings this browser remembers for it. What nobody remembers (a
 * task made elsewhere: its language, a detail task's type and domains) stays as the form has it.
 */
export function valuesFromTask(
  task: ExportTask,
  current: ExportFormValues,
  timeZone: string,
  remembered: TaskSettings = {},
): ExportFormValues {
  const days = utcToDayRange(task, timeZone);
  return { ...current, ...remembered, from: days.from, to: days.to, name: task.name.slice(0, NAME_MAX) };
}

/** The BFF's 400 `fields`, placed on the form's inputs; what has no input is returned as text. */
export function serverFieldErrors(fields: Record<string, string>): { errors: FormErrors; rest: string[] } {
  const errors: FormErrors = {};
  const rest: string[] = [];
  for (const [key, message] of Object.entries(fields)) {
    const field = SCHEMA_TO_FORM[key];
    if (field) errors[field] ??= message;
    else rest.push(message);
  }
  return { errors, rest };
}
