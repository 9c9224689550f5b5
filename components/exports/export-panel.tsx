'use client';

import { useCallback, useRef, useState } from 'react';
import { useExportList } from '@/lib/api/use-exports';
import { KIND_LABELS } from '@/lib/exports/kind-labels';
import { canCreate } from '@/lib/exports/permissions';
import type { ExportKind, ExportTask } from '@/lib/exports/schemas';
import type { DashboardView } from './dashboard-url';
import { ExportForm } from './export-form';
import { valuesFromTask, type ExportFormValues } from './export-form-model';
import { ExportsTable } from './exports-table';
import { rememberedSettings } from './remembered-settings';
import { useTaskNotices } from './use-task-notices';
import { useSessionUser } from '@/components/session/session-context';

interface ExportPanelProps {
  kind: ExportKind;
  timeZone: string;
  initialValues: ExportFormValues;
  view: DashboardView;
  onViewChange: (view: DashboardView, mode?: 'push' | 'replace') => void;
}

const NO_TASKS: readonly ExportTask[] = [];

/** One kind of export: its form above its table, sharing the form's values so "Run again" can fill them. */
export function ExportPanel({ kind, timeZone, initialValues, view, onViewChange }: ExportPanelProps) {
  const [values, setValues] = useState<ExportFormValues>(initialValues);
  const formSectionRef = useRef<HTMLElement>(null);
  const fromInputRef = useRef<HTMLInputElement>(null);

  const user = useSessionUser();
  // The form only for those who may create (operators and admins); the server refuses anyone else anyway.
  const mayCreate = user === null || canCreate(user);
  const query = useExportList({ kind, page: view.page, size: view.size });
  useTaskNotices(query.data);

  // Stable across polls, like the other handlers below: the rows and the form skip the re-render of a poll that
  // changed nothing of theirs (they are memoized).
  const runAgain = useCallback(
    (task: ExportTask) => {
      setValues((current) => valuesFromTask(task, current, timeZone, rememberedSettings.get(task.id)));
      // After React has rendered the new values: bring the form into view and put the keyboard on its first date.
      requestAnimationFrame(() => {
        formSectionRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
        fromInputRef.current?.focus({ preventScroll: true });
      });
    },
    [timeZone],
  );
  const onCreated = useCallback(() => {
    if (view.page !== 1) onViewChange({ ...view, page: 1 });
  }, [view, onViewChange]);

  const { formTitle: title, formDescription: description } = KIND_LABELS[kind];
  return (
    <div className="flex flex-col gap-6">
      {mayCreate ? (
      <section
        ref={formSectionRef}
        aria-labelledby={`${kind}-form-title`}
        className="scroll-mt-4 rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-950"
      >
        <header className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <h2 id={`${kind}-form-title`} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {title}
          </h2>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{description}</p>
        </header>
        <ExportForm
          kind={kind}
          timeZone={timeZone}
          values={values}
          onValuesChange={setValues}
          tasksOnScreen={query.data?.tasks ?? NO_TASKS}
          onCreated={onCreated}
          fromInputRef={fromInputRef}
        />
      </section>
      ) : (
        <p className="rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300">
          You can list and download exports. Creating and deleting them needs the operator role; you are{' '}
          {user?.role === 'viewer' ? 'a viewer' : 'signed in without a role'}.
        </p>
      )}

      <section
        aria-labelledby={`${kind}-tasks-title`}
        className="rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-950"
      >
        <ExportsTable
          kind={kind}
          view={view}
          onViewChange={onViewChange}
          query={query}
          timeZone={timeZone}
          onRunAgain={runAgain}
        />
      </section>
    </div>
  );
}
