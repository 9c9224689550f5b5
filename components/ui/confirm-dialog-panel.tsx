'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ReactNode } from 'react';
import { Button, buttonClasses } from './button';
import { dialogContentClass, dialogOverlayClass } from './dialog-styles';
import { Spinner } from './icons';
import { useReturnFocus } from './return-focus';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  destructive?: boolean;
  /** While true the confirm button shows a spinner and neither button can be pressed twice. */
  busy?: boolean;
  onConfirm: () => void;
  /** Where focus goes on close instead of back to what opened the dialog, when this returns an element. */
  returnFocusTo?: () => HTMLElement | null;
}

/**
 * A question that must be answered before something happens (delete, create a duplicate). Radix's AlertDialog traps
 * focus and starts on Cancel, so Enter never confirms by accident; on close focus goes back where it came from.
 * Loaded on first open through ConfirmDialog (confirm-dialog.tsx).
 */
export function ConfirmDialogPanel({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  destructive = false,
  busy = false,
  onConfirm,
  returnFocusTo,
}: ConfirmDialogProps) {
  const focus = useReturnFocus(returnFocusTo);
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => (busy ? undefined : onOpenChange(next))}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={dialogOverlayClass} />
        <AlertDialog.Content className={dialogContentClass()} {...focus}>
          <AlertDialog.Title className="text-base font-semibold text-zinc-900 dark:text-zinc-50">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">{children}</div>
          </AlertDialog.Description>
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonClasses('secondary')} disabled={busy}>
              {cancelLabel}
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that would close the dialog before an async confirm has finished. */}
            <Button
              variant={destructive ? 'danger' : 'primary'}
              onClick={onConfirm}
              aria-disabled={busy || undefined}
              aria-busy={busy}
            >
              {busy ? <Spinner /> : null}
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
