import 'server-only';
/**
 * `GET /api/activity/export`: the matching entries as CSV, streamed as they are read. Quoting is csv-stringify's;
 * its `escape_formulas` prefixes with `'` every text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR and their full-width forms), since names and ids come from users. A byte-order mark makes Excel read UTF-8.
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ActivityEntry } from '@/lib/exports/activity';

export const ACTIVITY_CSV_COLUMNS = [
  'id', 'at', 'actorId', 'actorName', 'actorEmail', 'role', 'action', 'kind', 'taskId',
  'startTime', 'endTime', 'status', 'code', 'requestId', 'upstreamRequestId', 'ip',
] as const;

type CsvRecord = Record<(typeof ACTIVITY_CSV_COLUMNS)[number], string | number>;

function toRecord(e: ActivityEntry): CsvRecord {
  return {
    id: e.id,
    at: e.at,
    actorId: e.actor?.id ?? '',
    actorName: e.actor?.name ?? '',
    actorEmail: e.actor?.email ?? '',
    role: e.role ?? '',
    action: e.action,
    kind: e.kind ?? '',
    taskId: e.taskId ?? '',
    startTime: e.startTime ?? '',
    endTime: e.endTime ?? '',
    status: e.status,
    code: e.code ?? '',
    requestId: e.requestId,
    upstreamRequestId: e.upstreamRequestId ?? '',
    ip: e.ip ?? '',
  };
}

async function* records(entries: AsyncIterable<ActivityEntry>): AsyncGenerator<CsvRecord> {
  for await (const entry of entries) yield toRecord(entry);
}

/** The CSV as a Node stream (header row first); an error while reading entries ends it with that error. */
export function activityCsvStream(entries: AsyncIterable<ActivityEntry>): Readable {
  const csv = stringify({ header: true, columns: [...ACTIVITY_CSV_COLUMNS], escape_formulas: true, bom: true });
  const source = Readable.from(records(entries));
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}

/** The same, as the web stream a route handler's Response takes. */
export function activityCsvResponseBody(entries: AsyncIterable<ActivityEntry>): ReadableStream<Uint8Array> {
  return Readable.toWeb(activityCsvStream(entries)) as ReadableStream<Uint8Array>;
}

export const ACTIVITY_CSV_HEADERS = {
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': 'attachment; filename="activity.csv"',
  'Cache-Control': 'no-store',
} as const;
