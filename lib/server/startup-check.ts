import 'server-only';
/**
 * What `npm start` checks before it serves anything (instrumentation.ts): the configuration is valid, sign-in is
 * configured (AUTH_MODE and its mode's settings), the record's store opens (a DATA_DIR that another process holds
 * refuses here) and the credentials chain yields credentials. A server that would fail every request should refuse to start, with one line
 * that says what to fix, rather than start and answer 502s.
 */
import { ConfigError, getConfig } from './config';
import { authConfigProblem } from './auth/auth-config';
import { checkCredential, createCredential, CredentialsError } from './credentials';
import { DataDirLockedError, openStore, retentionDaysFromEnv, storeSettingsFromEnv, StoreUnavailableError } from './store';

/** null when the server can start, else the one line to print. */
export async function startupProblem(options: { development?: boolean } = {}): Promise<string | null> {
  try {
    const config = getConfig();
    const signIn = authConfigProblem();
    if (signIn && !options.development) return signIn;
    // `next dev` starts anyway (every route but health then answers 500 AuthNotConfigured), with the line on stderr.
    if (signIn) console.error(signIn);
    retentionDaysFromEnv();
    const storeSettings = storeSettingsFromEnv();
    // Its own credentials client: the routes' services are built in their own bundle, on first use.
    const { provider } = await checkCredential(createCredential());
    // Last: opening the embedded store takes seconds the first time.
    await openStore();
    console.log(
      JSON.stringify({ event: 'startup', cdnEndpoint: config.cdn.url, reportTimeZone: config.reportTimeZone, credentials: provider, store: storeSettings.kind }),
    );
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
    if (error instanceof CredentialsError) return error.message;
    if (error instanceof DataDirLockedError) return error.message;
    if (error instanceof StoreUnavailableError) return `The record's database cannot be opened: ${error.reason}`;
    return `Start-up check failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Prints the problem and ends the process when the server cannot work; Next.js awaits this before serving. */
export async function exitUnlessStartable(): Promise<void> {
  const problem = await startupProblem({ development: process.env.NODE_ENV !== 'production' });
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
