'use client';

import { type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/field';
import { ACTIVITY_ACTIONS } from '@/lib/exports/activity';
import { KIND_LABELS } from '@/lib/exports/kind-labels';
import { EXPORT_KINDS } from '@/lib/exports/kinds-and-limits';
import type { ActivityView } from './activity-url';

export const ACTION_LABELS: Record<(typeof ACTIVITY_ACTIONS)[number], string> = {
  create: 'Create',
  delete: 'Delete',
  download: 'Download',
  denied: 'Refused',
};

const FIELD_LABEL = 'text-xs font-medium text-zinc-700 dark:text-zinc-300';

/** One labelled select of the filter form; `''` is the "any" choice. */
function FilterSelect<V extends string>({
  id,
  label,
  anyLabel,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  anyLabel: string;
  value: V | '';
  options: readonly { value: V; label: string }[];
  onChange: (value: V | '') => void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={FIELD_LABEL}>{label}</label>
      <select id={id} className={inputClasses()} value={value} onChange={(e) => onChange(e.target.value as V | '')}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </div>
  );
}

const ACTION_OPTIONS = ACTIVITY_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] }));
const KIND_OPTIONS = EXPORT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k].name }));

/** The filter form: what is being typed (`draft`); `onApply` puts it in the URL, `onClear` empties the URL's filters. */
export function ActivityFilters({
  draft,
  onDraftChange,
  onApply,
  onClear,
}: {
  draft: ActivityView;
  onDraftChange: (draft: ActivityView) => void;
  onApply: () => void;
  onClear: () => void;
}) {
  function submit(event: FormEvent) {
    event.preventDefault();
    onApply();
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Filter the activity"
      className="grid grid-cols-1 gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto] lg:items-end dark:border-zinc-800 dark:bg-zinc-950"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="activity-actor" className={FIELD_LABEL}>User (email or id)</label>
        <input
          id="activity-actor"
          type="search"
          className={inputClasses()}
          value={draft.actor}
          maxLength={320}
          placeholder="oscar@example.com"
          onChange={(e) => onDraftChange({ ...draft, actor: e.target.value })}
        />
      </div>
      <FilterSelect
        id="activity-action"
        label="Action"
        anyLabel="Any action"
        value={draft.action}
        options={ACTION_OPTIONS}
        onChange={(action) => onDraftChange({ ...draft, action })}
      />
      <FilterSelect
        id="activity-kind"
        label="Kind"
        anyLabel="Any kind"
        value={draft.kind}
        options={KIND_OPTIONS}
        onChange={(kind) => onDraftChange({ ...draft, kind })}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="activity-from" className={FIELD_LABEL}>From (day)</label>
        <input id="activity-from" type="date" className={inputClasses()} value={draft.from} onChange={(e) => onDraftChange({ ...draft, from: e.target.value })} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="activity-to" className={FIELD_LABEL}>To (day)</label>
        <input id="activity-to" type="date" className={inputClasses()} value={draft.to} onChange={(e) => onDraftChange({ ...draft, to: e.target.value })} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="primary">Apply</Button>
        <Button type="button" variant="ghost" onClick={onClear}>
          Clear
        </Button>
      </div>
    </form>
  );
}
