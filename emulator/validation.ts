/**
 * The operations' parameter rules and the codes CDN answers when they are broken (seed documents 000-004).
 */
import { subYears } from 'date-fns';
import { apiErrors } from './errors';
import { parseHostNameList } from './host-names';
import type { Params } from './signature';
import type { DetailType, Language } from './store';
import { parseApiTime } from './time';

export const MAX_RANGE_MS = 31 * 86_400_000;
const PAGE_SIZE = { min: 1, max: 50, default: 20 } as const;
const PAGE_NUMBER = { min: 1, max: 100_000, default: 1 } as const;
const MAX_TASK_NAME_LENGTH = 256;
const MAX_GROUP_LENGTH = 256;

/** Parameters arrive in null-prototype records, but a lookup must still never reach `Object.prototype`. */
export function param(params: Params, name: string): string | undefined {
  return Object.hasOwn(params, name) ? params[name] : undefined;
}

export interface Period {
  startMs: number;
  endMs: number;
}

export function parsePeriod(params: Params, nowMs: number): Period {
  const start = param(params, 'StartTime');
  const end = param(params, 'EndTime');
  if (!start || !end) throw apiErrors.missingTimeParameter();
  const startMs = parseApiTime(start);
  if (startMs === undefined) throw apiErrors.startTimeMalformed();
  const endMs = parseApiTime(end);
  if (endMs === undefined) throw apiErrors.endTimeMalformed();
  if (endMs <= startMs) throw apiErrors.endTimeInvalid();
  if (endMs - startMs > MAX_RANGE_MS) throw apiErrors.timeRangeTooLong();
  // "Data can be queried for the last year."
  if (startMs < subYears(nowMs, 1).getTime()) throw apiErrors.startTimeNotSupported();
  return { startMs, endMs };
}

export function parseLanguage(params: Params): Language {
  const language = param(params, 'Language');
  if (language === undefined || language === '') return 'zh-cn';
  if (language === 'zh-cn' || language === 'en-us') return language;
  throw apiErrors.invalidParameter();
}

export function parseTaskName(params: Params): string {
  const name = param(params, 'TaskName') ?? '';
  if (name.length > MAX_TASK_NAME_LENGTH) throw apiErrors.invalidParameter();
  return name;
}

export function parseDetailType(params: Params): DetailType {
  const type = param(params, 'Type');
  if (type === 'flow' || type === 'vas') return type;
  throw apiErrors.invalidParameter();
}

export interface DomainSelection {
  domains: string[];
  group?: string;
}

/**
 * `Group` wins over `DomainNames` (the SDK documents the latter as ignored then); neither means all the account's
 * domains. The emulator has no domain groups, so a group covers all the account's domains.
 */
export function parseDomainSelection(params: Params, accountDomains: readonly string[]): DomainSelection {
  const group = param(params, 'Group');
  if (group !== undefined && group !== '') {
    if (group.length > MAX_GROUP_LENGTH) throw apiErrors.invalidParameter();
    return { domains: [...accountDomains], group };
  }
  const names = param(params, 'DomainNames');
  if (names === undefined || names === '') return { domains: [...accountDomains] };
  const domains = parseHostNameList(names);
  if (!domains) throw apiErrors.invalidParameter();
  return { domains };
}

function boundedInteger(params: Params, name: string, range: { min: number; max: number; default: number }): number {
  const raw = param(params, name);
  if (raw === undefined) return range.default;
  const value = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= range.min && value <= range.max)) throw apiErrors.invalidParameter();
  return value;
}

export function parsePaging(params: Params): { pageNumber: number; pageSize: number } {
  return {
    pageNumber: boundedInteger(params, 'PageNumber', PAGE_NUMBER),
    pageSize: boundedInteger(params, 'PageSize', PAGE_SIZE),
  };
}

export function parseTaskId(params: Params): string {
  const id = param(params, 'TaskId');
  if (id === undefined || id === '') throw apiErrors.missingParameter('TaskId');
  if (!/^\d{1,18}$/.test(id)) throw apiErrors.taskIdMalformed();
  return id;
}
