import 'server-only';
/**
 * The exports service's ChangeFeed on the record's store (README, "Several replicas"): a create or delete here is announced
 * with NOTIFY, and every replica (this one included; on PGlite only this one) drops its cached list pages when it
 * hears one. Neither side may fail a request: a failed NOTIFY is logged (the other replicas' pages then age out within
 * CDN_LIST_CACHE_MS), and a LISTEN that cannot start yet is tried again until it does, dropping every page then,
 * since changes may have gone unheard meanwhile.
 */
import type { ExportKind } from '@/lib/exports/schemas';
import type { ChangeFeed } from './exports-service';
import { logWarning } from './log';
import { notifyChanged, onChanged, type Store } from './store';

const RESUBSCRIBE_MS = 5000;

export function storeChangeFeed(store: Store, options: { resubscribeMs?: number } = {}): ChangeFeed {
  const resubscribeMs = options.resubscribeMs ?? RESUBSCRIBE_MS;
  return {
    notify(kind: ExportKind): void {
      notifyChanged(store, kind).catch((error: unknown) =>
        logWarning('store.notify.failed', { kind, message: error instanceof Error ? error.message : String(error) }),
      );
    },
    subscribe(listener: (kind: ExportKind | null) => void): void {
      let failed = false;
      const attempt = () => {
        onChanged(store, listener).then(
          () => {
            if (failed) listener(null);
          },
          (error: unknown) => {
            if (!failed) logWarning('store.listen.failed', { message: error instanceof Error ? error.message : String(error) });
            failed = true;
            setTimeout(attempt, resubscribeMs).unref();
          },
        );
      };
      attempt();
    },
  };
}
