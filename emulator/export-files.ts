/**
 * What a finished task's download is: its bytes, type and file name. Files are generated on demand (their content is
 * a pure function of the task) and the last few are kept, because a user who clicks "download" twice, or a test that
 * fetches the same file again, should not pay for a 30-day XLSX twice.
 */
import type { Readable } from 'node:stream';
import type { Family } from './actions';
import { summaryPdf } from './files-pdf';
import { detailXlsx } from './files-xlsx';
import type { Task } from './store';
import { compactApiTime } from './time';

export const CONTENT_TYPES: Record<Family, string> = {
  summary: 'application/pdf',
  detail: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** e.g. `usage-summary_20260930T160000Z_20261031T155959Z.pdf`, `usage-detail-flow_…xlsx`: the kind and the period. */
export function exportFileName(task: Task): string {
  const period = `${compactApiTime(task.startMs)}_${compactApiTime(task.endMs)}`;
  return task.family === 'summary' ? `usage-summary_${period}.pdf` : `usage-detail-${task.type}_${period}.xlsx`;
}

export function generateExportFile(task: Task): Readable {
  return task.family === 'summary' ? summaryPdf(task) : detailXlsx(task);
}

/** A small LRU of finished files, bounded both in count and in bytes. */
export class FileCache {
  private readonly files = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    private readonly maxFiles = 4,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get(key: string): Buffer | undefined {
    const file = this.files.get(key);
    if (file) {
      this.files.delete(key);
      this.files.set(key, file);
    }
    return file;
  }

  set(key: string, file: Buffer): void {
    if (file.length > this.maxBytes) return;
    this.delete(key);
    this.files.set(key, file);
    this.bytes += file.length;
    for (const [oldKey] of this.files) {
      if (this.files.size <= this.maxFiles && this.bytes <= this.maxBytes) break;
      this.delete(oldKey);
    }
  }

  delete(key: string): void {
    const file = this.files.get(key);
    if (!file) return;
    this.bytes -= file.length;
    this.files.delete(key);
  }

  clear(): void {
    this.files.clear();
    this.bytes = 0;
  }
}
