/**
 * The production build's browser assets must not hold the server's credentials: they are read on the server only.
 * The build the tests run was made with the emulator's key pair in its environment, so a leak would show here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { EMULATOR_KEY_ID, EMULATOR_KEY_SECRET, NEXT_DIST_DIR } from './support/env';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('browser assets contain neither the access key id nor the secret', async ({ request }) => {
  // The app is up (the web server waited for it), so the build is complete.
  expect((await request.get('/api/health')).ok()).toBe(true);
  const files = filesUnder(join(NEXT_DIST_DIR, 'static'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const content = readFileSync(file, 'latin1');
    expect(content.includes(EMULATOR_KEY_ID), file).toBe(false);
    expect(content.includes(EMULATOR_KEY_SECRET), file).toBe(false);
  }
});

test('the page served to browsers does not hold them either', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).not.toContain(EMULATOR_KEY_ID);
  expect(html).not.toContain(EMULATOR_KEY_SECRET);
});
