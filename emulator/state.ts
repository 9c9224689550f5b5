/** Everything one running emulator remembers, in one place so that `/_emulator/reset` can forget it all at once. */
import { FileCache } from './export-files';
import { DownloadUrlSigner } from './download-urls';
import { FaultRegistry } from './faults';
import { NonceCache } from './nonce-cache';
import { TokenBuckets } from './rate-limit';
import { SIGNATURE_WINDOW_MS } from './auth';
import type { EmulatorOptions } from './server';
import { Stats } from './stats';
import { TaskStore } from './store';

/** CDN's documented limit: 100 calls per second per account and operation. */
const RATE_LIMIT_PER_SECOND = 100;

export interface EmulatorState {
  readonly options: EmulatorOptions;
  /** `host:port` the emulator listens on, for URLs when a request has no usable Host header. */
  hostPort: string;
  now(): number;
  readonly store: TaskStore;
  readonly stats: Stats;
  readonly faults: FaultRegistry;
  readonly nonces: NonceCache;
  readonly buckets: TokenBuckets;
  readonly urls: DownloadUrlSigner;
  readonly files: FileCache;
  /** Alternates the two kinds of `malformed` answer. */
  malformedHits: number;
  /** Aborted on close, ending `slow` waits so that close() does not wait for them. */
  readonly closing: AbortController;
  reset(): void;
}

export function createState(options: EmulatorOptions): EmulatorState {
  const state: EmulatorState = {
    options,
    hostPort: `${options.host}:${options.port}`,
    now: options.now ?? Date.now,
    store: new TaskStore(options.taskMs),
    stats: new Stats(() => state.now()),
    faults: new FaultRegistry(),
    nonces: new NonceCache(SIGNATURE_WINDOW_MS),
    buckets: new TokenBuckets(RATE_LIMIT_PER_SECOND, RATE_LIMIT_PER_SECOND),
    urls: new DownloadUrlSigner(),
    files: new FileCache(),
    malformedHits: 0,
    closing: new AbortController(),
    reset() {
      state.store.clear();
      state.stats.reset();
      state.faults.clear();
      state.nonces.clear();
      state.buckets.clear();
      state.files.clear();
      state.malformedHits = 0;
    },
  };
  return state;
}
