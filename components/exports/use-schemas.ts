'use client';

import { useCallback, useEffect, useState } from 'react';
import { loadSchemas, type Schemas } from '@/lib/api/load-schemas';

/**
 * The schemas once wanted and loaded, null until then, and `want`, which starts loading them. The form renders and
 * hydrates without them (its first values are valid) and wants them when the user first turns to it (a focus, a
 * pointer press), so that a page that is only looked at never evaluates zod; a submit loads them itself. Once the
 * page has them for another reason (a poll's answer is parsed with them), wanting them costs nothing.
 */
export function useSchemas(): { schemas: Schemas | null; want: () => void } {
  const [wanted, setWanted] = useState(false);
  const [schemas, setSchemas] = useState<Schemas | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let mounted = true;
    loadSchemas().then(
      (loaded) => {
        if (mounted) setSchemas(loaded);
      },
      // Not loaded (a network blip, a new deployment): the form shows no checks, and a submit says what went wrong.
      () => undefined,
    );
    return () => {
      mounted = false;
    };
  }, [wanted]);
  const want = useCallback(() => setWanted(true), []);
  return { schemas, want };
}
