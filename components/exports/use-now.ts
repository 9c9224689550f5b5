'use client';

/**
 * One clock for the whole page. Relative times ("3 minutes ago", "Updated 5 s ago") and the form's rules ("not in
 * the future") all read the time; reading it during render would differ between the server's HTML and the browser's
 * first render, and between renders. A shared external store ticks once a second, the server render and hydration
 * use the time the server rendered at, and each caller derives from it only what it shows (a text, a flag, the time
 * rounded to a minute), so that it re-renders only when that changes. The small components that show times read the
 * clock themselves; the lists around them do not.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

const TICK_MS = 1000;
const listeners = new Set<() => void>();
let current = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  current = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    current = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot(): number {
  if (current === 0) current = Date.now();
  return current;
}

/** The time at which the server rendered the page; the clock's value until the browser has hydrated. */
export const ServerNowContext = createContext<number>(0);

/** What `read` makes of the current time; the caller re-renders only when that value changes. */
export function useClock<T extends string | number | boolean>(read: (now: number) => T): T {
  const serverNow = useContext(ServerNowContext);
  return useSyncExternalStore(
    subscribe,
    () => read(snapshot()),
    () => read(serverNow),
  );
}

/** The time, rounded down to `precisionMs`. */
export function useNow(precisionMs = TICK_MS): number {
  const round = useCallback((ms: number) => Math.floor(ms / precisionMs) * precisionMs, [precisionMs]);
  return useClock(round);
}
