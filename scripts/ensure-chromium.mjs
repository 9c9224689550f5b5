#!/usr/bin/env node
/**
 * The browser tests need Chromium, and no Playwright browser download works on our machines: use Debian's package.
 * As root (CI, a fresh machine) it is installed with apt-get; anyone else is told what to install.
 */
import { execFileSync } from 'node:child_process';
import { findChromium } from './chromium-path.mjs';

const found = findChromium();
if (found) process.exit(0);

if (typeof process.getuid === 'function' && process.getuid() === 0) {
  console.log('Chromium not found: installing Debian\'s "chromium" package with apt-get…');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: aptEnv });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-liberation'], {
    stdio: 'inherit',
    env: aptEnv,
  });
  if (findChromium()) process.exit(0);
  console.error('apt-get finished but no Chromium was found at /usr/bin/chromium.');
  process.exit(1);
}
console.error(
  'The browser tests need Chromium. Install Debian\'s "chromium" package (sudo apt-get install chromium), ' +
    'or set CHROMIUM_PATH to a Chromium binary.',
);
process.exit(1);
