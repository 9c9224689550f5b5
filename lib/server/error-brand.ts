import 'server-only';
/**
 * `instanceof` for our error classes that holds across copies of a module. Next's server build may evaluate a module
 * more than once (instrumentation and the routes are separate bundles, and a route may get its own copy), so an
 * error thrown by one copy of a class would fail `instanceof` against another copy. A class tagged with a registered
 * symbol recognises its instances from every copy.
 */
export function brandOf(name: string): symbol {
  return Symbol.for(`cdn-usage-exports.${name}`);
}

export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
