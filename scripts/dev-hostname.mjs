/**
 * The address `npm run dev` binds. Development credentials and the emulator's open control endpoints are behind it,
 * so by default only this machine can reach it; `HOSTNAME` opens it up on purpose (e.g. `HOSTNAME=0.0.0.0`).
 */
export const DEV_DEFAULT_HOSTNAME = '127.0.0.1';

/** @param {{ HOSTNAME?: string }} env */
export function devHostname(env) {
  const value = env.HOSTNAME?.trim();
  return value ? value : DEV_DEFAULT_HOSTNAME;
}

/**
 * The URL to print for a browser on this machine.
 * @param {string} hostname
 * @param {string} port
 */
export function devUrl(hostname, port) {
  if (hostname === DEV_DEFAULT_HOSTNAME || hostname === '0.0.0.0' || hostname === '::' || hostname === 'localhost') {
    return `http://localhost:${port}`;
  }
  return `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
}
