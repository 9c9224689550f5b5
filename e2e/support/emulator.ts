/** The emulator that playwright.config.ts starts, driven through its control endpoints. */
import { emulatorControl } from '../../emulator/control-client';
import { EMULATOR_URL } from './env';

export type { FaultMode } from '../../emulator/control-client';

export const emulator = emulatorControl(EMULATOR_URL);
