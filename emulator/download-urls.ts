/**
 * Download URLs shaped like object-storage pre-signed URLs: `/_files/<kind>/<taskId>?Expires=<unix s>&Signature=…`,
 * with an HMAC of the path and expiry under a secret that never leaves the process. Any change to the path, the
 * expiry or the signature is refused, and so is a URL past its expiry, as OSS does.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Family } from './actions';
import { safeEqual } from './signature';

export const FILES_PREFIX = '/_files/';

export type DownloadCheck =
  | { ok: true; family: Family; taskId: string }
  | { ok: false; status: 403 | 404; code: string; message: string };

export class DownloadUrlSigner {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  /** `baseUrl` without a trailing slash, e.g. `http://127.0.0.1:4100`. */
  sign(baseUrl: string, family: Family, taskId: string, expiresS: number): string {
    const path = `${FILES_PREFIX}${family}/${encodeURIComponent(taskId)}`;
    return `${baseUrl}${path}?Expires=${expiresS}&Signature=${encodeURIComponent(this.mac(path, expiresS))}`;
  }

  /** Checks a request for a file; the path is the raw, still-encoded path of the request. */
  check(path: string, query: URLSearchParams, nowMs: number): DownloadCheck {
    const expires = query.get('Expires');
    const signature = query.get('Signature');
    if (!expires || !signature || !/^\d{1,12}$/.test(expires)) {
      return { ok: false, status: 403, code: 'AccessDenied', message: 'Expires and Signature are required in a signed URL.' };
    }
    // The signature is checked before the path is even parsed, so that an edited path is refused with 403 too.
    if (!safeEqual(this.mac(path, Number(expires)), signature)) {
      return {
        ok: false,
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided.',
      };
    }
    if (Number(expires) * 1000 < nowMs) {
      return { ok: false, status: 403, code: 'AccessDenied', message: 'Request has expired.' };
    }
    const match = /^\/_files\/(summary|detail)\/(\d+)$/.exec(path);
    if (!match) return { ok: false, status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' };
    return { ok: true, family: match[1] as Family, taskId: match[2] ?? '' };
  }

  private mac(path: string, expiresS: number): string {
    return createHmac('sha256', this.secret).update(`${path}\n${expiresS}`).digest('base64url');
  }
}
