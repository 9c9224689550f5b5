'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type RefObject } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, inputClasses } from '@/components/ui/field';
import { AlertIcon, Spinner } from '@/components/ui/icons';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { toApiError, type ApiError } from '@/lib/api/api-error';
import { createExport, exportKeys, exportListQueryOptions } from '@/lib/api/exports';
import {
  DOMAINS_MAX,
  PAGE_SIZE_MAX,
  type CreatedExport,
  type CreateExportInput,
  type ExportKind,
  type ExportTask,
  type ExportTaskPage,
} from '@/lib/exports/schemas';
import { formatDayRange, utcToDayRange } from '@/lib/exports/time-range';
import { ApiErrorDetails } from './api-error-details';
import {
  checkExportForm,
  earliestDay,
  findDuplicate,
  namePlaceholder,
  parseDomains,
  serverFieldErrors,
  settingsOf,
  splitBodies,
  todayIn,
  type DomainScope,
  type ExportFormValues,
  type FormErrors,
  type FormField,
} from './export-form-model';
import { DateRangeField } from './date-range-field';
import { rememberedSettings } from './remembered-settings';
import { SplitDialog, type SplitPlan } from './split-dialog';
import { SubmissionKeys } from './submission-keys';
import { withCreatedTasks } from './task-display';
import { useNow } from './use-now';

const FIELD_ORDER: FormField[] = ['from', 'to', 'name', 'language', 'type', 'domains', 'group'];

const TYPE_OPTIONS = [
  { value: 'flow', label: 'Traffic (flow)' },
  { value: 'vas', label: 'Value-added (vas)' },
] as const;

const SCOPE_OPTIONS = [
  { value: 'all', label: 'All domains' },
  { value: 'domains', label: 'Listed' },
  { value: 'group', label: 'Domain group' },
] as const;

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

export function ExportForm({
  kind,
  timeZone,
  values,
  onValuesChange,
  tasksOnScreen,
  onCreated,
  fromInputRef,
}: ExportFormProps) {
  const queryClient = useQueryClient();
  // Minute precision: enough for "not in the future" and "within a year", and the form does not re-render every second.
  const now = useNow(60_000);
  const check = useMemo(() => checkExportForm(kind, values, { now, timeZone }), [kind, values, now, timeZone]);
  const minDay = earliestDay(now, timeZone);
  const maxDay = todayIn(now, timeZone);

  const [keys] = useState(() => new SubmissionKeys());
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(() => new Set());
  const [showAllErrors, setShowAllErrors] = useState(false);
  // Server errors belong to the values they were given for; they disappear as soon as the user edits anything.
  const [serverErrors, setServerErrors] = useState<{ errors: FormErrors; forValues: ExportFormValues } | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [duplicate, setDuplicate] = useState<{ task: ExportTask; body: CreateExportInput } | null>(null);
  const [split, setSplit] = useState<{ id: number; plan: SplitPlan } | null>(null);

  const toInputRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const domainsRef = useRef<HTMLTextAreaElement>(null);
  const groupRef = useRef<HTMLInputElement>(null);

  const create = useMutation({
    mutationFn: ({ body, key }: { body: CreateExportInput; key: string }) => createExport(body, key),
  });

  const activeServerErrors = serverErrors?.forValues === values ? serverErrors.errors : {};
  function errorOf(field: FormField): string | undefined {
    const local = showAllErrors || touched.has(field) ? check.errors[field] : undefined;
    return local ?? activeServerErrors[field];
  }

  function update(patch: Partial<ExportFormValues>, fields: FormField[]) {
    onValuesChange((current) => ({ ...current, ...patch }));
    setTouched((current) => new Set([...current, ...fields]));
  }

  function afterCreated(created: CreatedExport, body: CreateExportInput) {
    rememberedSettings.set(created.task.id, settingsOf(body));
    const nowIso = new Date().toISOString();
    queryClient.setQueriesData<ExportTaskPage>({ queryKey: exportKeys.listsOfKind(kind) }, (page) =>
      page ? withCreatedTasks(page, [created.task], nowIso) : page,
    );
    void queryClient.invalidateQueries({ queryKey: exportKeys.listsOfKind(kind) });
    onCreated();
  }

  // Set synchronously on submit, so a second click that lands before React re-renders is ignored. It covers the
  // look-up of existing tasks as well as the create.
  const sending = useRef(false);
  const [lookingUp, setLookingUp] = useState(false);

  function send(body: CreateExportInput) {
    sending.current = true;
    setFormError(null);
    setServerErrors(null);
    const submittedValues = values;
    create.mutate(
      { body, key: keys.keyFor(body) },
      {
        onSettled: () => {
          sending.current = false;
        },
        onSuccess: (created) => {
          keys.settle(body, false);
          afterCreated(created, body);
          toast.success(`Creating “${created.task.name}”`, {
            description: 'It turns Ready in the table when the file is done.',
          });
        },
        onError: (error) => {
          const apiError = toApiError(error);
          keys.settle(body, apiError.outcomeUnknown);
          if (apiError.status === 400 && apiError.fields) {
            const { errors, rest } = serverFieldErrors(apiError.fields);
            setServerErrors({ errors, forValues: submittedValues });
            if (rest.length > 0 || Object.keys(errors).length === 0) setFormError(apiError);
          } else {
            setFormError(apiError);
          }
        },
      },
    );
  }

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

  /**
   * The tasks a new one is compared with: those on screen and the server's newest page, so that a repeat of a recent
   * task is caught even when the table shows another page. Best effort: if the list cannot be had, the create itself
   * will say what is wrong upstream.
   */
  async function existingTasks(): Promise<readonly ExportTask[]> {
    try {
      const newest = await queryClient.fetchQuery(exportListQueryOptions({ kind, page: 1, size: PAGE_SIZE_MAX }));
      return [...tasksOnScreen, ...newest.tasks];
    } catch {
      return tasksOnScreen;
    }
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (sending.current || split) return;
    // The live clock, not the minute-rounded one: a submission just after midnight must see the new day.
    const ctx = { now: Date.now(), timeZone };
    const fresh = checkExportForm(kind, values, ctx);
    if (!fresh.body && !fresh.split) {
      // Refused here: the server would refuse it too. Show every problem and start at the first.
      setShowAllErrors(true);
      const first = FIELD_ORDER.find((field) => fresh.errors[field]);
      if (first) focusField(first);
      return;
    }

    sending.current = true;
    setLookingUp(true);
    const tasks = await existingTasks();
    setLookingUp(false);
    sending.current = false;
    if (fresh.body) {
      const existing = findDuplicate(fresh.body, tasks, rememberedSettings);
      if (existing) setDuplicate({ task: existing, body: fresh.body });
      else send(fresh.body);
    } else if (fresh.split) {
      const bodies = splitBodies(kind, values, fresh.split, ctx);
      setSplit({
        id: Date.now(),
        plan: {
          pieces: fresh.split,
          bodies,
          duplicates: bodies.map((body) => findDuplicate(body, tasks, rememberedSettings)),
        },
      });
    }
  }

  const domainCount = parseDomains(values.domains).length;
  const pending = create.isPending || lookingUp;
  const submitLabel = pending
    ? 'Creating…'
    : check.split
      ? `Split into ${check.split.length} tasks…`
      : kind === 'summary'
        ? 'Create PDF export'
        : 'Create Excel export';

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={`${kind}-form-title`} className="flex flex-col">
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
            <>
              <div className="flex flex-wrap gap-x-6 gap-y-3">
                <SegmentedControl
                  legend="Data"
                  name="type"
                  value={values.type}
                  options={TYPE_OPTIONS}
                  onChange={(type) => update({ type }, ['type'])}
                />
                <SegmentedControl<DomainScope>
                  legend="Domains"
                  name="scope"
                  value={values.scope}
                  options={SCOPE_OPTIONS}
                  onChange={(scope) => update({ scope }, [])}
                />
              </div>
              {values.scope === 'domains' ? (
                <Field
                  label="Domain names"
                  hint={`One per line, or separated by commas or spaces. ${domainCount} of at most ${DOMAINS_MAX}.`}
                  error={errorOf('domains')}
                >
                  {(control) => (
                    <textarea
                      {...control}
                      ref={domainsRef}
                      rows={3}
                      value={values.domains}
                      placeholder={'www.example.com\nimg.example.com'}
                      onChange={(e) => update({ domains: e.target.value }, ['domains'])}
                      spellCheck={false}
                      autoCapitalize="none"
                      className={inputClasses(undefined, { multiline: true })}
                    />
                  )}
                </Field>
              ) : null}
              {values.scope === 'group' ? (
                <Field label="Domain group" hint="The name of a domain group in your CDN account." error={errorOf('group')}>
                  {(control) => (
                    <input
                      {...control}
                      ref={groupRef}
                      type="text"
                      value={values.group}
                      onChange={(e) => update({ group: e.target.value }, ['group'])}
                      autoComplete="off"
                      className={inputClasses()}
                    />
                  )}
                </Field>
              ) : null}
              {values.scope === 'all' ? (
                <p className="text-xs text-zinc-500 dark:text-zinc-400">Every domain in the account.</p>
              ) : null}
            </>
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

      <ConfirmDialog
        open={duplicate !== null}
        onOpenChange={(open) => (open ? undefined : setDuplicate(null))}
        title="A task for this period already exists"
        confirmLabel="Create anyway"
        onConfirm={() => {
          if (duplicate) send(duplicate.body);
          setDuplicate(null);
        }}
      >
        {duplicate ? (
          <p>
            “{duplicate.task.name}” covers the same days ({formatDayRange(utcToDayRange(duplicate.task, timeZone))}) and is{' '}
            {duplicate.task.status === 'success' ? 'ready to download' : 'still being generated'}. Create another task for
            this period anyway?
          </p>
        ) : null}
      </ConfirmDialog>

      {split ? (
        <SplitDialog
          key={split.id}
          kind={kind}
          plan={split.plan}
          keys={keys}
          onCreated={afterCreated}
          onClose={() => setSplit(null)}
        />
      ) : null}
    </form>
  );
}
