'use client';
/**
 * Short notices in a corner of the page (sonner). Most visits see none, so sonner loads with the first notice, not
 * with the page: `notify` fetches it and mounts its Toaster, which shows the notices given before it was there.
 */
import dynamic from 'next/dynamic';
import { useSyncExternalStore } from 'react';
import type { ExternalToast } from 'sonner';

const loadSonner = () => import('sonner');

const Toaster = dynamic(
  () =>
    loadSonner().then(({ Toaster: SonnerToaster }) =>
      function NoticeToaster() {
        return <SonnerToaster theme="system" position="bottom-right" closeButton richColors={false} toastOptions={{ className: 'text-sm' }} />;
      },
    ),
  { ssr: false },
);

let wanted = false;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function show(type: 'success' | 'error', message: string, options?: ExternalToast): void {
  if (!wanted) {
    wanted = true;
    for (const listener of listeners) listener();
  }
  void loadSonner().then(({ toast }) => toast[type](message, options));
}

export const notify = {
  success: (message: string, options?: ExternalToast) => show('success', message, options),
  error: (message: string, options?: ExternalToast) => show('error', message, options),
};

/** Where the notices appear: nothing until the first one. */
export function Notices() {
  const shown = useSyncExternalStore(subscribe, () => wanted, () => false);
  return shown ? <Toaster /> : null;
}
