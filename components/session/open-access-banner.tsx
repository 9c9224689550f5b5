/** AUTH_MODE=none: every page says so, because then anyone who can reach the server acts as an admin. */
export function OpenAccessBanner() {
  return (
    <div
      role="note"
      aria-label="No sign-in"
      className="border-b border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <p className="mx-auto max-w-7xl px-4 py-2 text-sm sm:px-6">
        <strong className="font-semibold">No sign-in:</strong> anyone who can reach this server can create and delete
        exports. Set <code className="font-mono text-xs">AUTH_MODE</code> to <code className="font-mono text-xs">oidc</code> or{' '}
        <code className="font-mono text-xs">proxy</code> to require a sign-in.
      </p>
    </div>
  );
}
