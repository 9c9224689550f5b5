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
    return `${baseUrl}${path}?${this.signedQuery(path, expiresS)}`;
  }

  /**
   * Checks a request for a file. `path` and `rawQuery` are as received, still encoded: the query must be exactly the
   * one handed out, so an added, repeated or re-encoded parameter is a change like any other.
   */
  check(path: string, rawQuery: string, nowMs: number): DownloadCheck {
    const query = new URLSearchParams(rawQuery);
    const expires = query.get('Expires');
    if (!expires || !query.get('Signature') || !/^\d{1,12}$/.test(expires)) {
      return { ok: false, status: 403, code: 'AccessDenied', message: 'Expires and Signature are required in a signed URL.' };
    }
    // The signature is checked before the path is even parsed, so that an edited path is refused with 403 too.
    if (!safeEqual(this.signedQuery(path, Number(expires)), rawQuery)) {
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

  // base64url needs no percent-encoding, so the query handed out is also the one to expect back, byte for byte.
  private signedQuery(path: string, expiresS: number): string {
    const signature = createHmac('sha256', this.secret).update(`${path}\n${expiresS}`).digest('base64url');
    return `Expires=${expiresS}&Signature=${signature}`;
  }
}
