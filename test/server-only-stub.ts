// Stands in for the 'server-only' package under Vitest, which is not React's server bundle.
export {};
