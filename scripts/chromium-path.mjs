import { existsSync } from 'node:fs';

/** Where the browser tests find Chromium: CHROMIUM_PATH, then Debian's usual paths. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(env = process.env) {
  const paths = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH, ...CHROMIUM_CANDIDATES] : CHROMIUM_CANDIDATES;
  return paths.find((p) => existsSync(p)) ?? null;
}
