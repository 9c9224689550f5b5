/**
 * Synthetic but deterministic usage numbers: the same domain and 5-minute interval always give the same values, so a
 * file can be regenerated at any time (nothing is stored) and tests can compare two downloads byte for byte.
 *
 * Shape: each domain has its own scale (from a hash of its name), traffic follows a daily curve peaking in the
 * Beijing evening, weekends run a little higher, and each interval carries ±15 % noise.
 */

export const INTERVAL_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

// FNV-1a: small, fast and good enough to spread domain names; not a security boundary.
function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// murmur3's finaliser: turns (seed, counter) into well-mixed bits, so neighbouring intervals look independent.
function mix(seed: number, value: number): number {
  let h = (seed ^ Math.imul(value | 0, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function unit(seed: number, value: number): number {
  return mix(seed, value) / 0x1_0000_0000;
}

/** Starts of the 5-minute intervals that overlap [startMs, endMs), aligned to the clock. */
export function intervalStarts(startMs: number, endMs: number): number[] {
  const starts: number[] = [];
  for (let t = Math.floor(startMs / INTERVAL_MS) * INTERVAL_MS; t < endMs; t += INTERVAL_MS) starts.push(t);
  return starts;
}

export function intervalCount(startMs: number, endMs: number): number {
  return intervalStarts(startMs, endMs).length;
}

function dailyFactor(tMs: number): number {
  const local = tMs + BEIJING_OFFSET_MS;
  const hour = (local % DAY_MS) / 3_600_000;
  const weekday = new Date(local).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 1.1 : 1;
  // Peak at 21:00, trough at 09:00 (Beijing), never below 20 % of the peak.
  return (0.6 + 0.4 * Math.cos((2 * Math.PI * (hour - 21)) / 24)) * weekend;
}

export interface FlowPoint {
  /** Bytes delivered in the interval. */
  trafficBytes: number;
  /** Average bandwidth over the interval, bits per second. */
  bandwidthBps: number;
}

export function flowAt(domain: string, tMs: number): FlowPoint {
  const seed = hashString(domain);
  // 20 Mbps to 500 Mbps at the daily peak, per domain.
  const peakBps = 20e6 + unit(seed, -1) * 480e6;
  const noise = 0.85 + 0.3 * unit(seed, Math.floor(tMs / INTERVAL_MS));
  const bandwidthBps = Math.round(peakBps * dailyFactor(tMs) * noise);
  return { trafficBytes: Math.round((bandwidthBps * (INTERVAL_MS / 1000)) / 8), bandwidthBps };
}

export interface VasPoint {
  httpsRequests: number;
  quicRequests: number;
  dynamicRequests: number;
}

export function vasAt(domain: string, tMs: number): VasPoint {
  const seed = hashString(domain);
  const interval = Math.floor(tMs / INTERVAL_MS);
  // Requests follow traffic at a per-domain average object size (20-200 KB).
  const objectBytes = 20_000 + unit(seed, -2) * 180_000;
  const requests = flowAt(domain, tMs).trafficBytes / objectBytes;
  const httpsShare = 0.5 + 0.45 * unit(seed, -3);
  const httpsRequests = Math.round(requests * httpsShare);
  return {
    httpsRequests,
    quicRequests: Math.round(httpsRequests * 0.1 * unit(seed ^ 0x5bd1e995, interval)),
    dynamicRequests: Math.round(requests * 0.05 * unit(seed ^ 0x27d4eb2f, interval)),
  };
}

export interface DailyUsage {
  /** Start of the 24-hour window; windows are counted from the period's start, so Beijing-day periods give Beijing days. */
  fromMs: number;
  /** Exclusive end of the window, clipped to the period. */
  toMs: number;
  trafficBytes: number;
  /** Highest 5-minute bandwidth of all domains together. */
  peakBandwidthBps: number;
}

export function dailyUsage(domains: readonly string[], startMs: number, endMs: number): DailyUsage[] {
  const days: DailyUsage[] = [];
  for (let fromMs = startMs; fromMs < endMs; fromMs += DAY_MS) {
    const toMs = Math.min(fromMs + DAY_MS, endMs);
    let trafficBytes = 0;
    let peakBandwidthBps = 0;
    for (const t of intervalStarts(fromMs, toMs)) {
      // An interval straddling two windows is counted in the one where it starts.
      if (t < fromMs && days.length > 0) continue;
      let bandwidth = 0;
      for (const domain of domains) {
        const point = flowAt(domain, t);
        trafficBytes += point.trafficBytes;
        bandwidth += point.bandwidthBps;
      }
      peakBandwidthBps = Math.max(peakBandwidthBps, bandwidth);
    }
    days.push({ fromMs, toMs, trafficBytes, peakBandwidthBps });
  }
  return days;
}
