/**
 * Vitest setup: the server writes one JSON line per CDN call straight to stdout (lib/server/log.ts). Hundreds of them
 * bury the test report, so a test worker drops those lines; every other output, warnings and errors included, shows.
 */
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
  if (typeof chunk === 'string' && chunk.startsWith('{"event":"cdn.call"')) return true;
  return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;
