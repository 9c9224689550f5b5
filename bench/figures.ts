/**
 * The shape every scenario reports in, and the table `npm run bench` prints: each figure beside its baseline, as a
 * ratio to it, with its goal and whether this run met it.
 */

export interface Figure {
  figure: string;
  /** What was measured, formatted (several runs comma-separated). */
  value: string;
  /** The same figure for the baseline ("-" where there is none). */
  baseline: string;
  /** value / baseline, or the overhead in percent, formatted. */
  ratio: string;
  goal: string;
  /** null: no goal, or not measured. */
  met: boolean | null;
}

export interface ScenarioResult {
  figures: Figure[];
  /** The raw numbers, for bench/results.json. */
  details: Record<string, unknown>;
}

/** One concern of the bench; run.ts runs them in order and merges their figures into one table. */
export interface Scenario<Context> {
  name: string;
  run(context: Context): Promise<ScenarioResult>;
}

export function ratio(value: number, baseline: number): number {
  return baseline === 0 ? Number.NaN : value / baseline;
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : '-';
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms >= 100 ? Math.round(ms) : ms.toFixed(1)} ms`;
}

export function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%` : '-';
}

/** A markdown table (so that the README can take it as it is). */
export function renderTable(figures: readonly Figure[]): string {
  const header = ['figure', 'dashboard', 'baseline', 'ratio', 'goal', 'met'];
  const rows = figures.map((f) => [f.figure, f.value, f.baseline, f.ratio, f.goal, f.met === null ? '-' : f.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
