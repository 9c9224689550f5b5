'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { dialogContentClass, dialogOverlayClass } from '@/components/ui/dialog-styles';
import { useReturnFocus } from '@/components/ui/return-focus';
import { CheckIcon, Spinner, XIcon } from '@/components/ui/icons';
import { toApiError, type ApiError } from '@/lib/api/api-error';
import type { SubmissionKeys } from '@/lib/api/submission-keys';
import { useCreateExport } from '@/lib/api/use-exports';
import type { CreatedExport, CreateExportInput, ExportKind, ExportTask } from '@/lib/exports/schemas';
import { defaultTaskName } from '@/lib/exports/task-name';
import { dayCount, formatDayRange, type DayRange } from '@/lib/exports/time-range';
import { ApiErrorDetails } from './api-error-details';
import { notify } from '@/components/ui/notices';

export interface SplitPlan {
  pieces: DayRange[];
  bodies: CreateExportInput[];
  /** Per piece, a task on screen with the same period, if any. */
  duplicates: (ExportTask | undefined)[];
}

/** A piece's create request; deliberately not CDN's task status words (its `created` means "still generating"). */
type PieceState = 'waiting' | 'sending' | 'done' | 'refused';

/** How a piece's state reads to a screen reader. */
const PIECE_STATE_TEXT: Record<PieceState, string> = {
  waiting: 'waiting',
  sending: 'creating',
  done: 'created',
  refused: 'failed',
};

interface SplitDialogProps {
  kind: ExportKind;
  plan: SplitPlan;
  keys: SubmissionKeys;
  onCreated: (created: CreatedExport, body: CreateExportInput) => void;
  onClose: () => void;
}

/**
 * A range longer than CDN allows, created as consecutive monthly tasks: the pieces are listed first, then created
 * one at a time (each with its own Idempotency-Key), stopping at the first failure and saying what exists.
 * Mounted per plan (keyed by the caller), so its progress starts fresh for every new plan.
 */
export function SplitDialog({ kind, plan, keys, onCreated, onClose }: SplitDialogProps) {
  const [states, setStates] = useState<PieceState[]>(() => plan.pieces.map(() => 'waiting'));
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<{ index: number; error: ApiError } | null>(null);
  const create = useCreateExport(kind, keys);
  const focus = useReturnFocus();
  const count = plan.pieces.length;
  const createdCount = states.filter((s) => s === 'done').length;

  async function run() {
    setRunning(true);
    setFailure(null);
    const next = [...states];
    for (let i = 0; i < count; i++) {
      if (next[i] === 'done') continue;
      const body = plan.bodies[i]!;
      next[i] = 'sending';
      setStates([...next]);
      try {
        const created = await create.mutateAsync(body);
        next[i] = 'done';
        setStates([...next]);
        onCreated(created, body);
      } catch (error) {
        next[i] = 'refused';
        setStates([...next]);
        setFailure({ index: i, error: toApiError(error) });
        setRunning(false);
        return;
      }
    }
    setRunning(false);
    notify.success(`Created ${count} tasks`, { description: 'They appear in the table and turn Ready one by one.' });
    onClose();
  }

  const started = states.some((s) => s !== 'waiting');
  return (
    <AlertDialog.Root open onOpenChange={(open) => (!open && !running ? onClose() : undefined)}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={dialogOverlayClass} />
        <AlertDialog.Content className={dialogContentClass('lg')} {...focus}>
          <AlertDialog.Title className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
            Split into {count} monthly tasks?
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">
            CDN exports at most 31 days (31 × 24 hours) per task. These tasks will be created one after another:
          </AlertDialog.Description>
          <ol className="mt-3 divide-y divide-zinc-100 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
            {plan.pieces.map((piece, i) => {
              const body = plan.bodies[i]!;
              const state = states[i]!;
              const duplicate = plan.duplicates[i];
              return (
                <li key={piece.from} className="flex items-start gap-2.5 px-3 py-2" aria-label={`Task ${i + 1}: ${formatDayRange(piece)}, ${PIECE_STATE_TEXT[state]}`}>
                  <span className="mt-0.5 flex size-4 shrink-0 items-center justify-center text-zinc-400" aria-hidden="true">
                    {state === 'sending' ? <Spinner className="text-blue-600 dark:text-blue-400" /> : null}
                    {state === 'done' ? <CheckIcon className="text-emerald-600 dark:text-emerald-400" /> : null}
                    {state === 'refused' ? <XIcon className="text-red-600 dark:text-red-400" /> : null}
                    {state === 'waiting' ? <span className="text-xs tabular-nums">{i + 1}</span> : null}
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium text-zinc-900 tabular-nums dark:text-zinc-100">
                      {formatDayRange(piece)}{' '}
                      <span className="font-normal text-zinc-500 dark:text-zinc-400">
                        · {dayCount(piece)} {dayCount(piece) === 1 ? 'day' : 'days'}
                      </span>
                    </span>
                    <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
                      {body.name ?? defaultTaskName(kind, piece, body.kind === 'detail' ? body.type : undefined)}
                    </span>
                    {duplicate ? (
                      <span className="block text-xs text-amber-700 dark:text-amber-400">
                        A task for this period already exists: “{duplicate.name}”.
                      </span>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ol>
          {failure ? (
            <div role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200">
              <p>
                {createdCount === 0
                  ? 'No task was created.'
                  : `Created ${createdCount} of ${count}: ${plan.pieces
                      .filter((_, i) => states[i] === 'done')
                      .map(formatDayRange)
                      .join(', ')}.`}{' '}
                Task {failure.index + 1} ({formatDayRange(plan.pieces[failure.index]!)}) failed: {failure.error.message}
              </p>
              <ApiErrorDetails error={failure.error} />
            </div>
          ) : null}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <AlertDialog.Cancel className={buttonClasses('secondary')} disabled={running}>
              {started ? 'Close' : 'Cancel'}
            </AlertDialog.Cancel>
            <Button variant="primary" onClick={() => void run()} aria-disabled={running || undefined} aria-busy={running}>
              {running ? <Spinner /> : null}
              {running
                ? `Creating ${Math.min(createdCount + 1, count)} of ${count}…`
                : failure
                  ? `Retry from task ${failure.index + 1}`
                  : `Create ${count} tasks`}
            </Button>
          </div>
          <p className="sr-only" aria-live="polite">
            {running ? `Creating task ${Math.min(createdCount + 1, count)} of ${count}.` : ''}
          </p>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
