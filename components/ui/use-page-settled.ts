'use client';

import { useSyncExternalStore } from 'react';

/**
 * Whether the page has finished starting: its load event has fired, a few seconds have passed (the first polls of a
 * generating list come in that time), and the browser has had a moment with nothing to do since. For work the first
 * screen does not need (a status check in the header), so that it does not compete with the page's own start. False
 * on the server and during hydration; once true, true for the page's life.
 */
let settled = false;
const listeners = new Set<() => void>();
const AFTER_LOAD_MS = 3000;
/** However busy the browser stays, the work waits at most this much longer. */
const IDLE_TIMEOUT_MS = 2000;

function settle() {
  settled = true;
  for (const listener of listeners) listener();
  listeners.clear();
}

function waitForIdle() {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(settle, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(settle, 0);
}

let started = false;
function subscribe(listener: () => void): () => void {
  if (settled) return () => {};
  listeners.add(listener);
  if (!started) {
    started = true;
    const afterLoad = () => setTimeout(waitForIdle, AFTER_LOAD_MS);
    if (document.readyState === 'complete') afterLoad();
    else window.addEventListener('load', afterLoad, { once: true });
  }
  return () => listeners.delete(listener);
}

export function usePageSettled(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => settled,
    () => false,
  );
}
