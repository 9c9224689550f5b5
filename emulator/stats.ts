/** Counters behind `GET /_emulator/stats`, which tests use to prove how many upstream calls a client really made. */
export interface StatsSnapshot {
  calls: Record<string, number>;
  errors: Record<string, number>;
}

export class Stats {
  private readonly calls = new Map<string, number>();
  private readonly errors = new Map<string, number>();

  countCall(action: string): void {
    this.calls.set(action, (this.calls.get(action) ?? 0) + 1);
  }

  countError(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    return { calls: Object.fromEntries(this.calls), errors: Object.fromEntries(this.errors) };
  }

  reset(): void {
    this.calls.clear();
    this.errors.clear();
  }
}
