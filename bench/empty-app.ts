/**
 * The baseline of the page-weight and Lighthouse figures: the smallest App Router page, built by the bench with the
 * repository's own Next.js (same version, same node_modules), so that "x times an empty page" compares like with like.
 * Its sources are written at run time into `.next-bench-empty/` at the repository root: a `.next-*` folder, which git,
 * ESLint and tsc already ignore, and from which Node and Turbopack resolve `next` and `react` in the root node_modules.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const EMPTY_APP_DIR = '.next-bench-empty';

/**
 * Plain .jsx, so that Next neither writes a tsconfig.json nor type-checks anything. The page is dynamic like the
 * dashboard's (it reads the report time zone per request), so both are rendered per request by the same server code.
 */
const FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'bench-empty-app', private: true, type: 'module' }, null, 2)}\n`,
  'next.config.mjs': [
    "import path from 'node:path';",
    '// The repository root holds node_modules and the lockfile: Turbopack must see them.',
    "export default { poweredByHeader: false, turbopack: { root: path.resolve(import.meta.dirname, '..') } };",
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
};

/** Writes the empty app afresh (a stale build of an older page would skew the baseline); returns its folder. */
export function writeEmptyApp(repoRoot: string): string {
  const dir = path.join(repoRoot, EMPTY_APP_DIR);
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}
