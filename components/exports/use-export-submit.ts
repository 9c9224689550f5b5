'use client';
/**
 * The form's submit state machine: check the values with the live clock, look for a task that already covers the
 * period, then create one task (after asking, when it would repeat one) or offer a monthly split; and the answers'
 * errors, per field or for the whole form. A second submit while one is under way is ignored.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError, toApiError } from '@/lib/api/api-error';
import { exportListQueryOptions } from '@/lib/api/exports';
import { loadSchemas, type Schemas } from '@/lib/api/load-schemas';
import { SubmissionKeys } from '@/lib/api/submission-keys';
import { useCreateExport } from '@/lib/api/use-exports';
import { PAGE_SIZE_MAX, type ExportKind } from '@/lib/exports/kinds-and-limits';
import type { CreatedExport, CreateExportInput, ExportTask } from '@/lib/exports/schemas';
import {
  checkExportForm,
  findDuplicate,
  serverFieldErrors,
  settingsOf,
  splitBodies,
  type ExportFormValues,
  type FormErrors,
} from './export-form-model';
import { rememberedSettings } from './remembered-settings';
import type { SplitPlan } from './split-dialog';
import { notify } from '@/components/ui/notices';

interface SubmitOptions {
  kind: ExportKind;
  timeZone: string;
  values: ExportFormValues;
  /** The tasks in the table, to warn before creating one that repeats a task already there. */
  tasksOnScreen: readonly ExportTask[];
  /** After each task created (one, or each piece of a split). */
  onCreated: () => void;
  /** A submit refused here, before anything was sent: the errors to show. */
  onInvalid: (errors: FormErrors) => void;
}

const SCHEMAS_MISSING = 'Part of this page could not be loaded (the network, or a new version of the dashboard). Reload the page and try again.';

export function useExportSubmit({ kind, timeZone, values, tasksOnScreen, onCreated, onInvalid }: SubmitOptions) {
  const queryClient = useQueryClient();
  const [keys] = useState(() => new SubmissionKeys());
  const create = useCreateExport(kind, keys);
  // Server errors belong to the values they were given for; they disappear as soon as the user edits anything.
  const [serverErrors, setServerErrors] = useState<{ errors: FormErrors; forValues: ExportFormValues } | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [duplicate, setDuplicate] = useState<{ task: ExportTask; body: CreateExportInput } | null>(null);
  const [split, setSplit] = useState<{ id: number; plan: SplitPlan } | null>(null);
  // Set synchronously on submit, so a second click that lands before React re-renders is ignored. It covers the
  // look-up of existing tasks as well as the create.
  const sending = useRef(false);
  const [lookingUp, setLookingUp] = useState(false);

  function afterCreated(created: CreatedExport, body: CreateExportInput) {
    rememberedSettings.set(created.task.id, settingsOf(body));
    onCreated();
  }

  function send(body: CreateExportInput) {
    sending.current = true;
    setFormError(null);
    setServerErrors(null);
    const submittedValues = values;
    create.mutate(body, {
      onSettled: () => {
        sending.current = false;
      },
      onSuccess: (created) => {
        afterCreated(created, body);
        notify.success(`Creating “${created.task.name}”`, {
          description: 'It turns Ready in the table when the file is done.',
        });
      },
      onError: (error) => {
        const apiError = toApiError(error);
        if (apiError.status === 400 && apiError.fields) {
          const { errors, rest } = serverFieldErrors(apiError.fields);
          setServerErrors({ errors, forValues: submittedValues });
          if (rest.length > 0 || Object.keys(errors).length === 0) setFormError(apiError);
        } else {
          setFormError(apiError);
        }
      },
    });
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
    // Loaded by now once the user has turned to the form or a poll has parsed an answer (use-schemas.ts); otherwise
    // this waits for them.
    // Before the guard: from the guard to `sending.current = true` nothing may wait, or a double click gets through.
    let rules: Schemas;
    try {
      rules = await loadSchemas();
    } catch {
      setFormError(new ApiError({ status: null, code: 'ClientError', message: SCHEMAS_MISSING }));
      return;
    }
    if (sending.current || split) return;
    // The live clock, not the minute-rounded one: a submission just after midnight must see the new day.
    const ctx = { now: Date.now(), timeZone };
    const fresh = checkExportForm(kind, values, ctx, rules);
    if (!fresh.body && !fresh.split) {
      // Refused here: the server would refuse it too.
      onInvalid(fresh.errors);
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
      const bodies = splitBodies(kind, values, fresh.split, ctx, rules);
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

  return {
    keys,
    onSubmit,
    pending: create.isPending || lookingUp,
    formError,
    serverErrors: serverErrors?.forValues === values ? serverErrors.errors : {},
    duplicate,
    /** "Create anyway" (with the body) or a dismissal (without) of the duplicate warning. */
    resolveDuplicate(createAnyway: boolean) {
      if (createAnyway && duplicate) send(duplicate.body);
      setDuplicate(null);
    },
    split,
    closeSplit: () => setSplit(null),
    afterCreated,
  };
}
