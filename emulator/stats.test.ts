/** The counters of GET /_emulator/stats, on a clock the test moves: the busiest rolling second above all. */
import { describe, expect, it } from 'vitest';
import { Stats } from './stats';

function statsAt() {
  const clock = { ms: 1_000_000 };
  return { clock, stats: new Stats(() => clock.ms) };
}

describe('Stats', () => {
  it('counts calls by action and errors by code', () => {
    const { stats } = statsAt();
    stats.countCall('A');
    stats.countCall('A');
    stats.countCall('B');
    stats.countError('Throttling');
    expect(stats.snapshot()).toMatchObject({ calls: { A: 2, B: 1 }, errors: { Throttling: 1 } });
  });

  it('finds the busiest rolling second across a clock second edge, not within fixed seconds', () => {
    const { clock, stats } = statsAt();
    // 50 calls late in one clock second and 50 early in the next: fixed windows would see 50 and 50.
    clock.ms = 1_000_900;
    for (let i = 0; i < 50; i++) stats.countCall('A');
    clock.ms = 1_001_100;
    for (let i = 0; i < 50; i++) stats.countCall('B');
    expect(stats.snapshot().busiestSecond).toEqual({ total: 100, byAction: { A: 50, B: 50 } });
  });

  it('lets a call leave the window exactly one second after it was made', () => {
    const { clock, stats } = statsAt();
    for (let i = 0; i < 10; i++) stats.countCall('A');
    clock.ms += 999;
    for (let i = 0; i < 10; i++) stats.countCall('A');
    expect(stats.snapshot().busiestSecond.total).toBe(20);
    clock.ms += 1;
    // The first ten are exactly 1000 ms old now: out of the window.
    for (let i = 0; i < 5; i++) stats.countCall('A');
    expect(stats.snapshot().busiestSecond.total).toBe(20);
    clock.ms += 1000;
    for (let i = 0; i < 30; i++) stats.countCall('A');
    expect(stats.snapshot().busiestSecond).toEqual({ total: 30, byAction: { A: 30 } });
  });

  it('keeps the peak over a long steady stream, with bounded memory', () => {
    const { clock, stats } = statsAt();
    // 100 calls a second for 60 seconds: the busiest second holds 100, never more.
    for (let i = 0; i < 6000; i++) {
      stats.countCall('A');
      clock.ms += 10;
    }
    expect(stats.snapshot().busiestSecond.total).toBe(100);
  });

  it('forgets everything on reset', () => {
    const { stats } = statsAt();
    stats.countCall('A');
    stats.countError('X');
    stats.reset();
    expect(stats.snapshot()).toEqual({ calls: {}, errors: {}, busiestSecond: { total: 0, byAction: {} } });
  });
});
