'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * Ends the session: `POST /api/auth/logout` asking for JSON, then the browser goes where the server says (the
 * provider's sign-out, or the dashboard's start page).
 */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  async function signOut() {
    setBusy(true);
    setFailed(false);
    try {
      const res = await fetch('/api/auth/logout', {
        method: 'POST',
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
      });
      const body = (await res.json().catch(() => null)) as { redirectTo?: unknown } | null;
      if (!res.ok || typeof body?.redirectTo !== 'string') throw new Error('sign-out refused');
      window.location.assign(body.redirectTo);
    } catch {
      setBusy(false);
      setFailed(true);
    }
  }
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => void signOut()} aria-busy={busy}>
        Sign out
      </Button>
      {failed ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          Sign-out failed; try again.
        </span>
      ) : null}
    </>
  );
}
