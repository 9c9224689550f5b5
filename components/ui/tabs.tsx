'use client';

import { useRef, type KeyboardEvent } from 'react';

export interface TabItem<T extends string> {
  value: T;
  label: string;
}

/** The ids that tie a tab to its panel (aria-controls, aria-labelledby). */
export function tabIds(prefix: string, value: string): { tab: string; panel: string } {
  return { tab: `${prefix}-tab-${value}`, panel: `${prefix}-panel-${value}` };
}

const NEXT: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * A row of tabs as the WAI-ARIA tabs pattern has it: one tab in the Tab order (the selected one), arrow keys, Home
 * and End move between tabs and select as they go. Controlled: the caller owns the value (here, the URL) and renders
 * the panels with `tabIds`. Written out rather than taken from Radix: it is all of Radix Tabs this page used, and
 * Radix's shared primitives came with it into the first load.
 */
export function TabList<T extends string>({
  label,
  idPrefix,
  items,
  value,
  onChange,
  className,
  tabClassName,
}: {
  label: string;
  idPrefix: string;
  items: readonly TabItem<T>[];
  value: T;
  onChange: (value: T) => void;
  className?: string;
  tabClassName?: string;
}) {
  const listRef = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const next = NEXT[event.key];
    // Alt+arrows are the browser's back and forward; modified keys are not the tablist's.
    if (!next || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    const item = items[next(index, items.length)];
    if (!item) return;
    listRef.current?.querySelector<HTMLButtonElement>(`#${CSS.escape(tabIds(idPrefix, item.value).tab)}`)?.focus();
    if (item.value !== value) onChange(item.value);
  }

  return (
    <div ref={listRef} role="tablist" aria-label={label} aria-orientation="horizontal" className={className}>
      {items.map((item, index) => {
        const selected = item.value === value;
        const ids = tabIds(idPrefix, item.value);
        return (
          <button
            key={item.value}
            type="button"
            role="tab"
            id={ids.tab}
            aria-selected={selected}
            aria-controls={ids.panel}
            tabIndex={selected ? 0 : -1}
            className={tabClassName}
            onClick={() => {
              if (!selected) onChange(item.value);
            }}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}
