'use client';

import type { RefObject } from 'react';
import { Field, inputClasses } from '@/components/ui/field';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { DOMAINS_MAX } from '@/lib/exports/kinds-and-limits';
import { parseDomains, type DomainScope, type ExportFormValues, type FormField } from './export-form-model';

const TYPE_OPTIONS = [
  { value: 'flow', label: 'Traffic (flow)' },
  { value: 'vas', label: 'Value-added (vas)' },
] as const;

const SCOPE_OPTIONS = [
  { value: 'all', label: 'All domains' },
  { value: 'domains', label: 'Listed' },
  { value: 'group', label: 'Domain group' },
] as const;

interface DetailScopeFieldsProps {
  values: ExportFormValues;
  update: (patch: Partial<ExportFormValues>, fields: FormField[]) => void;
  errorOf: (field: FormField) => string | undefined;
  domainsRef: RefObject<HTMLTextAreaElement | null>;
  groupRef: RefObject<HTMLInputElement | null>;
}

/** A details export's own fields: which data, and for which domains (all, a list, or a domain group). */
export function DetailScopeFields({ values, update, errorOf, domainsRef, groupRef }: DetailScopeFieldsProps) {
  const domainCount = parseDomains(values.domains).length;
  return (
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
      {values.scope === 'all' ? <p className="text-xs text-zinc-500 dark:text-zinc-400">Every domain in the account.</p> : null}
    </>
  );
}
