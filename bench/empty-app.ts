/**
 * The baseline of the page-weight and Lighthouse figures: the smallest App Router page, built by the bench with the
 * repository's own Next.js (same version, same node_modules), so that "x times an empty page" compares like with like.
 * Its sources are written at run time into `.next-bench-empty/` at the repository root: a `.next-*` folder, which git,
 * ESLint and tsc already ignore. It must be a workspace of its own: Turbopack takes the folder of the nearest lockfile
 * as its root and would otherwise compile the repository's own instrumentation.ts and proxy.ts into the empty page.
 * Turbopack reads nothing outside its root (a symlinked node_modules fails), so the app gets a hard-linked copy of
 * the repository's node_modules: the very same files, made in seconds, taking no space.
 * It also has the smallest route handler (GET /api/ping): the BFF figures set what a list costs beside what any answer
 * of a Next route handler costs on this machine. A route handler adds no script to the page.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const EMPTY_APP_DIR = '.next-bench-empty';

/**
 * Plain .jsx, so that Next neither writes a tsconfig.json nor type-checks anything. The page is dynamic like the
 * dashboard's (it reads the report time zone per request), so both are rendered per request by the same server code.
 */
const FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'bench-empty-app', private: true, type: 'module' }, null, 2)}\n`,
  'package-lock.json': `${JSON.stringify({ name: 'bench-empty-app', lockfileVersion: 3, requires: true, packages: { '': { name: 'bench-empty-app' } } }, null, 2)}\n`,
  'next.config.mjs': [
    'const root = import.meta.dirname;',
    'export default { poweredByHeader: false, turbopack: { root }, outputFileTracingRoot: root };',
    '',
  ].join('\n'),
  'app/layout.jsx': [
    "export const metadata = { title: 'Empty page', description: 'The bench baseline.' };",
    'export default function RootLayout({ children }) {',
    '  return (<html lang="en"><body>{children}</body></html>);',
    '}',
    '',
  ].join('\n'),
  'app/page.jsx': [
    "export const dynamic = 'force-dynamic';",
    'export default function Page() {',
    '  return (<main><h1>Empty page</h1></main>);',
    '}',
    '',
  ].join('\n'),
  'app/api/ping/route.js': [
    "export const dynamic = 'force-dynamic';",
    'export function GET() {',
    '  return Response.json({ ok: true });',
    '}',
    '',
  ].join('\n'),
};

/** Writes the empty app afresh (a stale build of an older page would skew the baseline); returns its folder. */
export function writeEmptyApp(repoRoot: string): string {
  const dir = path.join(repoRoot, EMPTY_APP_DIR);
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const link = spawnSync('cp', ['-al', path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules')], { encoding: 'utf8' });
  if (link.status !== 0) throw new Error(`could not hard-link node_modules into ${dir}: ${link.stderr}`);
  return dir;
}
