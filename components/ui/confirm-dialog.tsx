'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { ConfirmDialogProps } from './confirm-dialog-panel';

/** Radix's dialog code loads when a question is first asked, not with the page. */
const ConfirmDialogPanel = dynamic(() => import('./confirm-dialog-panel').then((m) => m.ConfirmDialogPanel), { ssr: false });

/**
 * A question that must be answered before something happens (confirm-dialog-panel.tsx). Mounted from its first open
 * on, so that it closes (and gives focus back) like any dialog.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const [wanted, setWanted] = useState(props.open);
  if (props.open && !wanted) setWanted(true);
  return wanted ? <ConfirmDialogPanel {...props} /> : null;
}
