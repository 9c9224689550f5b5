import 'server-only';
/**
 * `instanceof` for our error classes that holds across copies of a module. Next's server build may evaluate a module
 * more than once (instrumentation and the routes are separate bundles, and a route may get its own copy), so an
 * error thrown by one copy of a class would fail `instanceof` against another copy. A class tagged with a registered
 * symbol recognises its instances from every copy.
 */
function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/**
 * The base of an error class named `name`: `class UpstreamError extends BrandedError('UpstreamError') { … }`. The name
 * is given, not read from the class, because a minifier may rename classes differently in each copy.
 */
export function BrandedError(name: string) {
  const brand = Symbol.for(`cdn-usage-exports.${name}`);
  return class extends Error {
    override name = name;
    constructor(message?: string) {
      super(message);
      Object.defineProperty(this, brand, { value: true });
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return hasBrand(value, brand);
    }
  };
}
