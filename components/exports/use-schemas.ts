'use client';

import { useEffect, useState } from 'react';
import { loadSchemas, type Schemas } from '@/lib/api/load-schemas';

/**
 * The schemas once loaded, null until then. The form renders and hydrates without them (its initial values are
 * valid) and starts checking what the user types as soon as they are there, a moment after the page has loaded.
 */
export function useSchemas(): Schemas | null {
  const [schemas, setSchemas] = useState<Schemas | null>(null);
  useEffect(() => {
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
  }, []);
  return schemas;
}
