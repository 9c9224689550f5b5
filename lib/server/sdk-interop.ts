import 'server-only';
/**
 * The Alibaba Cloud SDK packages are CommonJS with `exports.default = Class`. A bundler (Next's server build) hands
 * out that class as the default import; Node's own ESM loader (Vitest, tsx) hands out the whole `module.exports`
 * object instead. This returns the class either way.
 */
export function cjsDefault<T>(imported: T): T {
  if (typeof imported === 'function') return imported;
  const inner = (imported as { default?: unknown } | null)?.default;
  return (typeof inner === 'function' ? inner : imported) as T;
}
