/**
 * For the store tests: opens the embedded store on DATA_DIR=argv[2] in a process of its own, as a server would at
 * start-up. Prints `opened <entries>` (the activity entries it finds) and holds the store until stdin closes; or prints
 * the refusal, one line, and exits 1.
 */
import { queryActivity } from '@/lib/server/store/activity-log';
import { openEmbeddedStore } from '@/lib/server/store/embedded-store';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: open-embedded-store-cli.ts DATA_DIR');
try {
  const store = await openEmbeddedStore(dataDir);
  const { total } = await queryActivity(store, { page: 1, size: 1 });
  console.log(`opened ${total}`);
  process.stdin.resume();
  process.stdin.on('end', () => void store.close().then(() => process.exit(0)));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
