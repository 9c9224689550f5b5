/**
 * Tests only: the cookies a browser would keep for one site, so that a test can walk a sign-in with fetch. Paths and
 * domains are ignored (each jar is one site); a cookie set with Max-Age=0 or an expiry in the past is removed.
 */
import { parseSetCookie } from 'cookie';

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes in every Set-Cookie of the response. */
  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const cookie = parseSetCookie(header);
      const expired = cookie.maxAge !== undefined ? cookie.maxAge <= 0 : cookie.expires !== undefined && cookie.expires.getTime() <= Date.now();
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value ?? '');
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie request header, or an empty object when the jar is empty. */
  header(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
}
