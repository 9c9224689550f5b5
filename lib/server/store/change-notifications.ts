import 'server-only';
/**
 * "The tasks of this kind changed": a create or delete on one replica tells every replica (PostgreSQL LISTEN/NOTIFY;
 * on PGlite the same within the one process), which drop their cached list pages at once (README, "Several replicas").
 */
import { EXPORT_KINDS, type ExportKind } from '@/lib/exports/schemas';
import type { Store } from './store';

const CHANNEL = 'cdn_exports_changed';

/** `null`: anything may have changed (notifications were missed while the store was away): drop every page. */
export type ChangeListener = (kind: ExportKind | null) => void;

export async function notifyChanged(store: Store, kind: ExportKind): Promise<void> {
  await store.notify(CHANNEL, kind);
}

/** Resolves, once listening, with the function that stops it. */
export function onChanged(store: Store, listener: ChangeListener): Promise<() => Promise<void>> {
  return store.listen(CHANNEL, (payload) => {
    listener(payload !== null && (EXPORT_KINDS as readonly string[]).includes(payload) ? (payload as ExportKind) : null);
  });
}
