/**
 * The usage-summary export: a PDF of the account's usage history for the task's period, one row per day.
 *
 * pdfkit's built-in fonts (the PDF standard 14) have no Chinese glyphs, and embedding a CJK font would add megabytes
 * to the repository; so a `zh-cn` task gets the same English document with a line saying Chinese was requested.
 */
import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import type { SummaryTask } from './store';
import { formatApiTime } from './time';
import { dailyUsage, type DailyUsage } from './usage-data';

const GB = 1024 ** 3;
const MARGIN = 50;
// With the chart's height, small enough that a 31-day period fits on the first page.
const ROW_HEIGHT = 15;
const CHART_HEIGHT = 80;
const COLUMNS = [
  { label: 'From (UTC)', width: 125, align: 'left' },
  { label: 'To (UTC)', width: 125, align: 'left' },
  { label: 'Traffic (GB)', width: 115, align: 'right' },
  { label: 'Peak bandwidth (Mbps)', width: 130, align: 'right' },
] as const;

const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function minuteTime(ms: number): string {
  return formatApiTime(ms).slice(0, 16).replace('T', ' ');
}

function secondTime(ms: number): string {
  return formatApiTime(ms).replace('T', ' ').replace('Z', '');
}

/**
 * User text as the standard fonts can print it: they cover Latin-1 only, and pdfkit prints any other character as
 * two unrelated Latin-1 ones (the task name "用量" came out as "u(‘Ï"), so those become "?". Control characters,
 * which would break the line, become spaces.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/[^\u0000-\u00ff]/gu, '?');
}

/** `text` cut with "..." to fit in one line of `width` points in the current font. */
function fitToWidth(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = [...text];
  while (cut.length > 0 && doc.widthOfString(`${cut.join('')}...`) > width) cut = cut.slice(0, -1);
  return `${cut.join('')}...`;
}

function drawChart(doc: PDFKit.PDFDocument, days: readonly DailyUsage[], top: number): number {
  const height = CHART_HEIGHT;
  const width = doc.page.width - 2 * MARGIN;
  const max = Math.max(1, ...days.map((day) => day.trafficBytes));
  // A month fills the width; a short period keeps bars of a month's width instead of one slab across the page.
  const slot = width / Math.max(31, days.length);
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#555555')
    .text(`Daily traffic (GB; the tallest bar is ${decimal.format(max / GB)})`, MARGIN, top);
  const base = top + 12 + height;
  days.forEach((day, i) => {
    const barHeight = Math.max(1, (day.trafficBytes / max) * height);
    doc
      .rect(MARGIN + i * slot + slot * 0.15, base - barHeight, slot * 0.7, barHeight)
      .fill('#ff6a00');
  });
  doc.moveTo(MARGIN, base).lineTo(MARGIN + width, base).lineWidth(0.5).stroke('#999999');
  return base + 14;
}

function drawHeader(doc: PDFKit.PDFDocument, top: number): number {
  let x = MARGIN;
  doc.rect(MARGIN, top - 3, doc.page.width - 2 * MARGIN, ROW_HEIGHT).fill('#333333');
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#ffffff');
  for (const column of COLUMNS) {
    doc.text(column.label, x + 4, top, { width: column.width - 8, align: column.align, lineBreak: false });
    x += column.width;
  }
  return top + ROW_HEIGHT;
}

function drawRow(doc: PDFKit.PDFDocument, cells: readonly string[], top: number, shade: boolean, bold = false): void {
  if (shade) doc.rect(MARGIN, top - 3, doc.page.width - 2 * MARGIN, ROW_HEIGHT).fill('#f2f2f2');
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor('#000000');
  let x = MARGIN;
  COLUMNS.forEach((column, i) => {
    doc.text(cells[i] ?? '', x + 4, top, { width: column.width - 8, align: column.align, lineBreak: false });
    x += column.width;
  });
}

export function summaryPdf(task: SummaryTask): Readable {
  const days = dailyUsage(task.domains, task.startMs, task.endMs);
  const totalBytes = days.reduce((sum, day) => sum + day.trafficBytes, 0);
  const peak = days.reduce<DailyUsage | undefined>((best, day) => (!best || day.peakBandwidthBps > best.peakBandwidthBps ? day : best), undefined);

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // Fixed metadata dates keep the same task's file identical from one download to the next.
    info: {
      Title: `CDN usage history ${formatApiTime(task.startMs)} - ${formatApiTime(task.endMs)}`,
      Author: 'CDN emulator',
      Creator: 'CDN emulator',
      Producer: 'CDN emulator (pdfkit)',
      CreationDate: new Date(task.createdMs),
      ModDate: new Date(task.createdMs),
    },
  });

  const contentWidth = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(20).fillColor('#000000').text('CDN usage history');
  doc.moveDown(0.4);
  doc.font('Helvetica').fontSize(10);
  doc.text(`Period (UTC): ${secondTime(task.startMs)} to ${secondTime(task.endMs)}`);
  const taskId = ` (ID ${task.id})`;
  doc.text(fitToWidth(doc, `Task: ${printable(task.name) || '(no name)'}`, contentWidth - doc.widthOfString(taskId)) + taskId);
  doc.text(`Domains: ${task.domains.join(', ')}`);
  doc.text(
    task.language === 'en-us'
      ? 'Language: en-us'
      : 'Language: zh-cn (printed in English: the PDF standard fonts have no Chinese glyphs)',
  );
  doc
    .font('Helvetica')
    .fontSize(7)
    .fillColor('#777777')
    .text('Synthetic data generated by the CDN emulator for development and tests. 1 GB = 1024^3 bytes; 1 Mbps = 10^6 bit/s.');
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#000000').text(`Total traffic: ${decimal.format(totalBytes / GB)} GB`);
  if (peak) {
    doc.text(`Peak bandwidth: ${decimal.format(peak.peakBandwidthBps / 1e6)} Mbps (day from ${minuteTime(peak.fromMs)} UTC)`);
  }
  doc.moveDown(0.8);

  let y = drawChart(doc, days, doc.y);
  y = drawHeader(doc, y + 6);
  const bottom = doc.page.height - MARGIN - ROW_HEIGHT;
  days.forEach((day, i) => {
    if (y > bottom) {
      doc.addPage();
      y = drawHeader(doc, MARGIN);
    }
    // Inclusive ends, as the API writes them (…15:59:59); the last day ends where the period does.
    const lastMs = day.toMs === task.endMs ? task.endMs : day.toMs - 1000;
    const cells = [
      secondTime(day.fromMs),
      secondTime(lastMs),
      decimal.format(day.trafficBytes / GB),
      decimal.format(day.peakBandwidthBps / 1e6),
    ];
    drawRow(doc, cells, y, i % 2 === 1);
    y += ROW_HEIGHT;
  });
  if (y > bottom) {
    doc.addPage();
    y = MARGIN;
  }
  drawRow(doc, ['Total', '', decimal.format(totalBytes / GB), peak ? decimal.format(peak.peakBandwidthBps / 1e6) : ''], y, false, true);
  doc.end();
  return doc;
}
