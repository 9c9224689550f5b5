/**
 * Runs once when the Next.js server starts (not during `next build`): a server with an invalid configuration or no
 * credentials refuses to start, with one line naming the problem, instead of answering every request with an error.
 */
export async function register(): Promise<void> {
  // Builds load the server code too; they need neither configuration nor credentials.
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { exitUnlessStartable } = await import('./lib/server/startup-check');
    await exitUnlessStartable();
  }
}
