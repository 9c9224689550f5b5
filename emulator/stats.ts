/** Counters behind `GET /_emulator/stats`, which tests use to prove how many upstream calls a client really made. */
export interface StatsSnapshot {
  calls: Record<string, number>;
  errors: Record<string, number>;
  /**
   * The most calls counted within any one rolling second (any 1000 ms, not fixed clock seconds), of all actions
   * together and of each action: what a client's rate budget (CDN_MAX_QPS) is held against.
   */
  busiestSecond: { total: number; byAction: Record<string, number> };
}

const WINDOW_MS = 1000;

/**
 * The busiest rolling second of one stream of calls: keeps only the times of the last second, so memory stays bounded
 * by the rate, not by the run's length.
 */
class RollingPeak {
  private readonly times: number[] = [];
  private head = 0;
  peak = 0;

  add(atMs: number): void {
    this.times.push(atMs);
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= atMs - WINDOW_MS) this.head += 1;
    // Compacts now and then rather than shifting on every call.
    if (this.head > 1024) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    this.peak = Math.max(this.peak, this.times.length - this.head);
  }
}

export class Stats {
  private readonly calls = new Map<string, number>();
  private readonly errors = new Map<string, number>();
  private total = new RollingPeak();
  private readonly byAction = new Map<string, RollingPeak>();

  constructor(private readonly now: () => number = Date.now) {}

  countCall(action: string): void {
    this.calls.set(action, (this.calls.get(action) ?? 0) + 1);
    const at = this.now();
    this.total.add(at);
    let peak = this.byAction.get(action);
    if (!peak) {
      peak = new RollingPeak();
      this.byAction.set(action, peak);
    }
    peak.add(at);
  }

  countError(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    return {
      calls: Object.fromEntries(this.calls),
      errors: Object.fromEntries(this.errors),
      busiestSecond: {
        total: this.total.peak,
        byAction: Object.fromEntries([...this.byAction].map(([action, peak]) => [action, peak.peak])),
      },
    };
  }

  reset(): void {
    this.calls.clear();
    this.errors.clear();
    this.total = new RollingPeak();
    this.byAction.clear();
  }
}
