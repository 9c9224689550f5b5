/**
 * The usage-details export: an XLSX with one row per domain and 5-minute interval. A 31-day export of a few domains
 * is tens of thousands of rows, so it is written with exceljs's streaming writer straight into the response instead
 * of being built in memory first.
 */
import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DetailTask, DetailType, Language } from './store';
import { formatApiTime, parseApiTime } from './time';
import { flowAt, intervalStarts, vasAt } from './usage-data';

// Yielding now and then keeps the emulator answering API calls while a large file is being written.
const ROWS_PER_TURN = 2000;

const HEADERS = {
  flow: {
    'en-us': ['Domain', 'Time (UTC)', 'Traffic (bytes)', 'Bandwidth (bps)'],
    'zh-cn': ['域名', '时间 (UTC)', '流量 (字节)', '带宽 (bps)'],
  },
  vas: {
    'en-us': ['Domain', 'Time (UTC)', 'HTTPS requests', 'QUIC requests', 'Dynamic requests'],
    'zh-cn': ['域名', '时间 (UTC)', 'HTTPS 请求数', 'QUIC 请求数', '动态请求数'],
  },
} as const;

const SHEET_NAMES = {
  flow: { 'en-us': 'Traffic and bandwidth', 'zh-cn': '流量带宽' },
  vas: { 'en-us': 'Requests', 'zh-cn': '请求数' },
} as const;

export function detailHeaders(task: Pick<DetailTask, 'type' | 'language'>): readonly string[] {
  return HEADERS[task.type][task.language];
}

function cells(task: DetailTask, domain: string, t: number): (string | number)[] {
  const time = formatApiTime(t).replace('T', ' ').replace('Z', '');
  if (task.type === 'flow') {
    const point = flowAt(domain, t);
    return [domain, time, point.trafficBytes, point.bandwidthBps];
  }
  const point = vasAt(domain, t);
  return [domain, time, point.httpsRequests, point.quicRequests, point.dynamicRequests];
}

async function write(task: DetailTask, output: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'CDN emulator';
  workbook.created = new Date(task.createdMs);
  workbook.modified = new Date(task.createdMs);
  const sheet = workbook.addWorksheet(SHEET_NAMES[task.type][task.language], {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = detailHeaders(task).map((_, i) => ({ width: i === 0 ? 28 : i === 1 ? 20 : 18 }));
  const header = sheet.addRow([...detailHeaders(task)]);
  header.font = { bold: true };
  header.commit();

  const starts = intervalStarts(task.startMs, task.endMs);
  let written = 0;
  for (const domain of task.domains) {
    for (const t of starts) {
      sheet.addRow(cells(task, domain, t)).commit();
      if (++written % ROWS_PER_TURN === 0) {
        // The client went away: stop spending CPU on a file nobody will read.
        if (output.destroyed) return;
        await nextTurn();
      }
    }
  }
  sheet.commit();
  await workbook.commit();
}

export function detailXlsx(task: DetailTask): Readable {
  const output = new PassThrough();
  write(task, output).catch((error: unknown) => {
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return output;
}

export interface XlsxBenchmarkInput {
  /** `yyyy-MM-ddTHH:mm:ssZ` */
  startTime: string;
  days: number;
  domains: string[];
  type: DetailType;
  language?: Language;
}

/**
 * The whole workbook in memory, for measuring generation cost outside a server (`npm run bench`) and for tests.
 */
export async function generateXlsx(input: XlsxBenchmarkInput): Promise<Buffer> {
  const startMs = parseApiTime(input.startTime);
  if (startMs === undefined) throw new Error(`generateXlsx: malformed startTime ${JSON.stringify(input.startTime)}`);
  const task: DetailTask = {
    family: 'detail',
    id: '0',
    name: '',
    startMs,
    endMs: startMs + input.days * 86_400_000,
    language: input.language ?? 'en-us',
    type: input.type,
    domains: input.domains,
    createdMs: startMs,
    fails: false,
  };
  const chunks: Buffer[] = [];
  for await (const chunk of detailXlsx(task)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
