'use client';

import dynamic from 'next/dynamic';
import { memo, useMemo, useRef, useState, type RefObject } from 'react';
import { Button } from '@/components/ui/button';
import { Field, inputClasses } from '@/components/ui/field';
import { AlertIcon, Spinner } from '@/components/ui/icons';
import { KIND_LABELS } from '@/lib/exports/kind-labels';
import type { ExportKind, ExportTask } from '@/lib/exports/schemas';
import { ApiErrorDetails } from './api-error-details';
import { DateRangeField } from './date-range-field';
import { DetailScopeFields } from './detail-scope-fields';
import { DuplicateDialog } from './duplicate-dialog';
import {
  checkExportForm,
  earliestDay,
  namePlaceholder,
  NOT_CHECKED_YET,
  todayIn,
  type ExportFormValues,
  type FormField,
} from './export-form-model';
import { useExportSubmit } from './use-export-submit';
import { useNow } from './use-now';
import { useSchemas } from './use-schemas';

/** Radix's dialog code loads when a split is first offered, not with the page. */
const SplitDialog = dynamic(() => import('./split-dialog').then((m) => m.SplitDialog), { ssr: false });

const FIELD_ORDER: FormField[] = ['from', 'to', 'name', 'language', 'type', 'domains', 'group'];

interface ExportFormProps {
  kind: ExportKind;
  timeZone: string;
  values: ExportFormValues;
  onValuesChange: (update: (values: ExportFormValues) => ExportFormValues) => void;
  /** The tasks in the table, to warn before creating one that repeats a task already there. */
  tasksOnScreen: readonly ExportTask[];
  /** After a task was created: the panel shows the first page, where the new task is. */
  onCreated: () => void;
  fromInputRef: RefObject<HTMLInputElement | null>;
}

export const ExportForm = memo(function ExportForm({
  kind,
  timeZone,
  values,
  onValuesChange,
  tasksOnScreen,
  onCreated,
  fromInputRef,
}: ExportFormProps) {
  // Minute precision: enough for "not in the future" and "within a year", and the form does not re-render every second.
  const now = useNow(60_000);
  const { schemas: rules, want: wantRules } = useSchemas();
  const check = useMemo(
    () => (rules ? checkExportForm(kind, values, { now, timeZone }, rules) : NOT_CHECKED_YET),
    [kind, values, now, timeZone, rules],
  );
  const minDay = earliestDay(now, timeZone);
  const maxDay = todayIn(now, timeZone);

  const [touched, setTouched] = useState<ReadonlySet<FormField>>(() => new Set());
  const [showAllErrors, setShowAllErrors] = useState(false);

  const toInputRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const domainsRef = useRef<HTMLTextAreaElement>(null);
  const groupRef = useRef<HTMLInputElement>(null);

  function focusField(field: FormField) {
    const target = {
      from: fromInputRef.current,
      to: toInputRef.current,
      name: nameRef.current,
      domains: domainsRef.current,
      group: groupRef.current,
    }[field as 'from' | 'to' | 'name' | 'domains' | 'group'];
    target?.focus();
  }

  const submit = useExportSubmit({
    kind,
    timeZone,
    values,
    tasksOnScreen,
    onCreated,
    onInvalid: (errors) => {
      // Show every problem and start at the first.
      setShowAllErrors(true);
      const first = FIELD_ORDER.find((field) => errors[field]);
      if (first) focusField(first);
    },
  });
  const { pending, formError } = submit;

  function errorOf(field: FormField): string | undefined {
    const local = showAllErrors || touched.has(field) ? check.errors[field] : undefined;
    return local ?? submit.serverErrors[field];
  }

  function update(patch: Partial<ExportFormValues>, fields: FormField[]) {
    onValuesChange((current) => ({ ...current, ...patch }));
    setTouched((current) => new Set([...current, ...fields]));
  }

  const submitLabel = pending
    ? 'Creating…'
    : check.split
      ? `Split into ${check.split.length} tasks…`
      : KIND_LABELS[kind].submit;

  return (
    <form
      onSubmit={(event) => void submit.onSubmit(event)}
      // The first focus or press in the form: the checks it shows while the user types need the schemas from now on.
      onFocus={wantRules}
      onPointerDown={wantRules}
      noValidate
      aria-labelledby={`${kind}-form-title`}
      className="flex flex-col"
    >
      <div className="grid gap-x-8 gap-y-4 p-4 md:grid-cols-2">
        <DateRangeField
          from={values.from}
          to={values.to}
          onChange={(range) => update(range, ['from', 'to'])}
          timeZone={timeZone}
          now={now}
          minDay={minDay}
          maxDay={maxDay}
          fromError={errorOf('from')}
          toError={errorOf('to')}
          fromInputRef={fromInputRef}
          toInputRef={toInputRef}
        />

        <div className="flex min-w-0 flex-col gap-3">
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_9.5rem]">
            <Field label="Name (optional)" error={errorOf('name')}>
              {(control) => (
                <input
                  {...control}
                  ref={nameRef}
                  type="text"
                  value={values.name}
                  placeholder={namePlaceholder(kind, values)}
                  onChange={(e) => update({ name: e.target.value }, ['name'])}
                  autoComplete="off"
                  spellCheck={false}
                  className={inputClasses()}
                />
              )}
            </Field>
            <Field label="File language" error={errorOf('language')}>
              {(control) => (
                <select
                  {...control}
                  value={values.language}
                  onChange={(e) => update({ language: e.target.value === 'zh-cn' ? 'zh-cn' : 'en-us' }, ['language'])}
                  className={inputClasses()}
                >
                  <option value="en-us">English</option>
                  <option value="zh-cn">Chinese (中文)</option>
                </select>
              )}
            </Field>
          </div>

          {kind === 'detail' ? (
            <DetailScopeFields values={values} update={update} errorOf={errorOf} domainsRef={domainsRef} groupRef={groupRef} />
          ) : null}
        </div>
      </div>

      {formError ? (
        <div
          role="alert"
          className="mx-4 mb-3 flex gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
        >
          <AlertIcon className="mt-0.5 shrink-0" />
          <div className="min-w-0">
            <p>
              <span className="font-medium">The export was not created.</span> {formError.message}
              {formError.outcomeUnknown ? ' Submitting again is safe: it cannot create a second task.' : ''}
            </p>
            <ApiErrorDetails error={formError} />
          </div>
        </div>
      ) : null}
      {check.otherErrors.length > 0 && showAllErrors ? (
        <p role="alert" className="mx-4 mb-3 text-xs text-red-700 dark:text-red-400">
          {check.otherErrors.join(' ')}
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-zinc-200 bg-zinc-50/70 px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900/40">
        <Button type="submit" variant="primary" aria-disabled={pending || undefined} aria-busy={pending}>
          {pending ? <Spinner /> : null}
          {submitLabel}
        </Button>
        <p className="min-w-0 flex-1 text-xs text-zinc-500 dark:text-zinc-400">
          {check.split
            ? `Too long for one task: it can be created as ${check.split.length} consecutive tasks, listed before anything is created.`
            : 'Files are generated by CDN, usually within a few minutes. The table updates by itself.'}
        </p>
      </div>

      <DuplicateDialog task={submit.duplicate?.task ?? null} timeZone={timeZone} onResolve={submit.resolveDuplicate} />

      {submit.split ? (
        <SplitDialog
          key={submit.split.id}
          kind={kind}
          plan={submit.split.plan}
          keys={submit.keys}
          onCreated={submit.afterCreated}
          onClose={submit.closeSplit}
        />
      ) : null}
    </form>
  );
});
