#!/usr/bin/env node
/**
 * `npm run dev`: the CDN emulator and the dashboard together, so the app works on a machine with no cloud account
 * and no network. The emulator's one key pair is handed to the app through the official credentials chain's
 * environment variables, exactly as real keys would be.
 *
 * Pointing CDN_ENDPOINT elsewhere skips the emulator and leaves the credentials chain alone: that is how a developer
 * tries the real service.
 */
import { spawn } from 'node:child_process';
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

function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
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

run('The dashboard', process.execPath, ['node_modules/next/dist/bin/next', 'dev', '--port', port, '--hostname', hostname], env);
console.log(`\nDashboard: ${devUrl(hostname, port)}  (Ctrl-C stops ${useEmulator ? 'it and the emulator' : 'it'})\n`);
