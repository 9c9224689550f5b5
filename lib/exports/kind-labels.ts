/** Every word the app uses for a kind of export, in one table: task names, tabs, forms and lists read from it. */
import type { ExportKind } from './schemas';

export interface KindLabels {
  /** What the file holds: the start of default task names, and of the task lists' names. */
  name: string;
  /** The tab, with the file's format. */
  tab: string;
  formTitle: string;
  formDescription: string;
  submit: string;
}

export const KIND_LABELS: Record<ExportKind, KindLabels> = {
  summary: {
    name: 'Usage history',
    tab: 'Usage history (PDF)',
    formTitle: 'New usage history export',
    formDescription: 'A PDF of traffic, bandwidth and requests over the period, for all domains.',
    submit: 'Create PDF export',
  },
  detail: {
    name: 'Usage details',
    tab: 'Usage details (Excel)',
    formTitle: 'New usage details export',
    formDescription: 'An Excel workbook of 5-minute usage data over the period.',
    submit: 'Create Excel export',
  },
};
