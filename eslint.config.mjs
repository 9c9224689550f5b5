import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // zod stays out of the page's first load: the browser gets the schemas through lib/api/load-schemas.ts, and the
    // kinds and limits from lib/exports/kinds-and-limits.ts. Types are free.
    files: ['components/**/*.{ts,tsx}', 'lib/api/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['@/lib/exports/schemas', 'zod', 'zod/mini'].map((name) => ({
            name,
            allowTypeImports: true,
            message: 'Load the schemas with loadSchemas() (lib/api/load-schemas.ts); constants are in lib/exports/kinds-and-limits.ts.',
          })),
        },
      ],
    },
  },
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'node_modules/**',
      'next-env.d.ts',
      'playwright-report/**',
      'test-results/**',
      'bench/results.json',
    ],
  },
];

export default config;
