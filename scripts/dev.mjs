#!/usr/bin/env node
/**
 * `npm run dev`: the CDN emulator and the dashboard together, so the app works on a machine with no cloud account
 * and no network. The emulator's one key pair is handed to the app through the official credentials chain's
 * environment variables, exactly as real keys would be.
 *
 * Pointing CDN_ENDPOINT elsewhere skips the emulator and leaves the credentials chain alone: that is how a developer
 * tries the real service.
 *
 * Sign-in: unless AUTH_MODE is set, the development OpenID Connect provider (scripts/dev-oidc-provider.ts) runs in
 * this process on 127.0.0.1:$DEV_OIDC_PORT (default 4300) and the dashboard signs in through it in `oidc` mode, with
 * three users to pick with one click. With AUTH_MODE set, the environment is used as it is.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tsImport } from 'tsx/esm/api';
import { devHostname, devUrl } from './dev-hostname.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
const port = env.PORT ?? '3000';
const hostname = devHostname(env);
const useEmulator = !env.CDN_ENDPOINT;
const children = [];
let stopping = false;

function run(name, command, args, childEnv) {
  const child = spawn(command, args, { env: childEnv, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

/** @type {{ close(): Promise<void> } | null} */
let devProvider = null;

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  void devProvider?.close();
  setTimeout(() => process.exit(code), 300).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

if (useEmulator) {
  const emulatorHost = env.CDN_EMULATOR_HOST ?? '127.0.0.1';
  const emulatorPort = env.CDN_EMULATOR_PORT ?? '4100';
  env.CDN_ENDPOINT = `http://${emulatorHost}:${emulatorPort}`;
  env.ALIBABA_CLOUD_ACCESS_KEY_ID = env.CDN_EMULATOR_ACCESS_KEY_ID ?? 'emulator-key-id';
  env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = env.CDN_EMULATOR_ACCESS_KEY_SECRET ?? 'emulator-key-secret';
  // A real STS token in the shell would be signed into every call and refused by the emulator's key pair.
  delete env.ALIBABA_CLOUD_SECURITY_TOKEN;
  run('The CDN emulator', process.execPath, ['--import', 'tsx', 'emulator/main.ts'], env);
} else {
  console.log(`Using the CDN at ${env.CDN_ENDPOINT} with the standard credentials chain (no emulator).`);
}

const url = devUrl(hostname, port);
let signIn = `AUTH_MODE=${env.AUTH_MODE ?? ''} from the environment`;
if (!env.AUTH_MODE) {
  // The browser signs in at the printed URL (localhost): the sign-in's cookies and the provider's redirect URI must name
  // that same origin.
  const appOrigin = `http://localhost:${port}`;
  const { startDevOidcProvider } = await tsImport('./dev-oidc-provider.ts', import.meta.url);
  try {
    devProvider = await startDevOidcProvider({ port: Number(env.DEV_OIDC_PORT ?? 4300), appOrigins: [appOrigin] });
  } catch (error) {
    console.error(`The development sign-in provider could not start: ${error instanceof Error ? error.message : String(error)}`);
    console.error('Set DEV_OIDC_PORT to a free port, or AUTH_MODE to sign in another way.');
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    process.exit(1);
  }
  Object.assign(env, devProvider.appEnv, {
    // A new secret per run: sessions of an earlier run end with it, as they would after a real secret rotation.
    SESSION_SECRET: env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    APP_ORIGIN: appOrigin,
  });
  signIn = `sign-in through the development provider at ${devProvider.issuer} (Vera Viewer, Oscar Operator, Ada Admin)`;
}

run('The dashboard', process.execPath, ['node_modules/next/dist/bin/next', 'dev', '--port', port, '--hostname', hostname], env);
console.log(`\nDashboard: ${url}  (${signIn}; Ctrl-C stops ${useEmulator ? 'it, the emulator' : 'it'}${devProvider ? ' and the provider' : ''})\n`);
