'use client';

/**
 * One clock for the whole page. Relative times ("3 minutes ago", "Updated 5 s ago") and the form's rules ("not in
 * the future") all read the time; reading it during render would differ between the server's HTML and the browser's
 * first render, and between renders. A shared external store ticks once a second, the server render and hydration
 * use the time the server rendered at, and each caller rounds to the precision it needs so that it re-renders only
 * when its text can change.
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

export function useNow(precisionMs = TICK_MS): number {
  const serverNow = useContext(ServerNowContext);
  const round = useCallback((ms: number) => Math.floor(ms / precisionMs) * precisionMs, [precisionMs]);
  return useSyncExternalStore(
    subscribe,
    () => round(snapshot()),
    () => round(serverNow),
  );
}
