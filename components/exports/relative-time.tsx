'use client';

import { exactTime, relativeTime } from './task-display';
import { useClock } from './use-now';

/** "3 minutes ago", with the exact time as its title; re-renders only when its words change. */
export function RelativeTime({ iso, timeZone }: { iso: string; timeZone: string }) {
  const text = useClock((now) => relativeTime(iso, now));
  return (
    <time dateTime={iso} title={exactTime(iso, timeZone)}>
      {text}
    </time>
  );
}
