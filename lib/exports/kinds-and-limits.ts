/**
 * The export kinds and the numeric limits of the HTTP API (CONTRACT.md), without zod: the page's components need
 * these at once, while the schemas that enforce them (schemas.ts) are loaded only when a body is checked or parsed.
 */
export const EXPORT_KINDS = ['summary', 'detail'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const PAGE_MAX = 100_000;
export const PAGE_SIZE_MAX = 50;
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZES = [10, 20, 50] as const;
export const NAME_MAX = 100;
export const DOMAINS_MAX = 100;
