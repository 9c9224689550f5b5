/**
 * The schemas of lib/exports/schemas.ts, and zod with them, loaded on first use instead of with the page: they are a
 * tenth of the first load's script, and the first paint needs none of them (the first list comes with the HTML). The
 * module is fetched once; later calls get the same one.
 */
export function loadSchemas() {
  return import('@/lib/exports/schemas');
}

export type Schemas = Awaited<ReturnType<typeof loadSchemas>>;
