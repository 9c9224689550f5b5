/** `npm run emulator`: the CDN emulator in the foreground, configured from `CDN_EMULATOR_*`. */
import { EmulatorConfigError, emulatorOptionsFromEnv } from './config';
import { startEmulator } from './server';

async function main(): Promise<void> {
  let options;
  try {
    options = emulatorOptionsFromEnv();
  } catch (error) {
    console.error(error instanceof EmulatorConfigError ? error.message : String(error));
    process.exit(1);
  }

  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${options.port} is already in use` : error instanceof Error ? error.message : String(error);
    console.error(`CDN emulator could not start on ${options.host}:${options.port}: ${reason}.`);
    process.exit(1);
  }
  console.log(`CDN emulator listening on ${emulator.url} (key id ${options.accessKeyId})`);

  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
