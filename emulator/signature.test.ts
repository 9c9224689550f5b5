import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatV3Authorization,
  parseV3Authorization,
  percentEncode,
  sha256Hex,
  v2Sign,
  v2StringToSign,
  v3Sign,
  verifyV2Signature,
  verifyV3Signature,
  type V3SignedRequest,
} from './signature';

interface V2Vector {
  name: string;
  method: string;
  secret: string;
  params: Record<string, string>;
  signature: string;
}

interface V3Vector {
  name: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  accessKeyId: string;
  secret: string;
  signedHeaders: string;
  signature: string;
}

// The published vectors, verified by independent implementations: the verifier is not only tested against itself.
// fixtures/signature-vectors.json holds a verbatim copy of them, so that a clone tests on its own wherever it stands.
const vectors = JSON.parse(
  readFileSync(new URL('./fixtures/signature-vectors.json', import.meta.url), 'utf8'),
) as { v2_hmac_sha1: V2Vector[]; v3_acs3_hmac_sha256: V3Vector[] };

function v3Request(vector: V3Vector): V3SignedRequest {
  return {
    method: vector.method,
    path: vector.path,
    query: vector.query,
    headers: vector.headers,
    signedHeaders: vector.signedHeaders.split(';'),
    hashedPayload: sha256Hex(vector.body),
  };
}

describe('percentEncode', () => {
  it('encodes as Alibaba Cloud specifies', () => {
    expect(percentEncode("a b!'()*~-_.")).toBe('a%20b%21%27%28%29%2A~-_.');
    expect(percentEncode('2024-01-01T00:00:00Z')).toBe('2024-01-01T00%3A00%3A00Z');
    expect(percentEncode('中')).toBe('%E4%B8%AD');
  });
});

describe('V2 HMAC-SHA1 vectors', () => {
  it('has vectors to check', () => {
    expect(vectors.v2_hmac_sha1.length).toBeGreaterThanOrEqual(3);
  });

  describe.each(vectors.v2_hmac_sha1)('$name', (vector) => {
    it('computes the published signature', () => {
      expect(v2Sign(vector.method, vector.params, vector.secret)).toBe(vector.signature);
    });

    it('verifies, with the Signature parameter present or not', () => {
      expect(verifyV2Signature(vector.method, vector.params, vector.secret, vector.signature)).toBe(true);
      const withSignature = { ...vector.params, Signature: vector.signature };
      expect(verifyV2Signature(vector.method, withSignature, vector.secret, vector.signature)).toBe(true);
    });

    it('fails when any parameter changes, is added or is removed', () => {
      for (const key of Object.keys(vector.params)) {
        const changed = { ...vector.params, [key]: `${vector.params[key]}x` };
        expect(verifyV2Signature(vector.method, changed, vector.secret, vector.signature), key).toBe(false);
        const removed = Object.fromEntries(Object.entries(vector.params).filter(([k]) => k !== key));
        expect(verifyV2Signature(vector.method, removed, vector.secret, vector.signature), key).toBe(false);
      }
      const added = { ...vector.params, Extra: '1' };
      expect(verifyV2Signature(vector.method, added, vector.secret, vector.signature)).toBe(false);
    });

    it('fails with another secret, method or signature', () => {
      expect(verifyV2Signature(vector.method, vector.params, `${vector.secret}x`, vector.signature)).toBe(false);
      const otherMethod = vector.method === 'GET' ? 'POST' : 'GET';
      expect(verifyV2Signature(otherMethod, vector.params, vector.secret, vector.signature)).toBe(false);
      const flipped = `${vector.signature.slice(0, 3)}${vector.signature[3] === 'A' ? 'B' : 'A'}${vector.signature.slice(4)}`;
      expect(verifyV2Signature(vector.method, vector.params, vector.secret, flipped)).toBe(false);
      expect(verifyV2Signature(vector.method, vector.params, vector.secret, '')).toBe(false);
    });
  });

  it('builds the documented string to sign', () => {
    const [first] = vectors.v2_hmac_sha1;
    expect(first).toBeDefined();
    if (!first) return;
    expect(v2StringToSign(first.method, first.params)).toMatch(/^GET&%2F&AccessKeyId%3Dtestid%26Action%3D/);
  });
});

describe('V3 ACS3-HMAC-SHA256 vectors', () => {
  it('has vectors to check', () => {
    expect(vectors.v3_acs3_hmac_sha256.length).toBeGreaterThanOrEqual(2);
  });

  describe.each(vectors.v3_acs3_hmac_sha256)('$name', (vector) => {
    it('computes the published signature', () => {
      expect(v3Sign(v3Request(vector), vector.secret)).toBe(vector.signature);
    });

    it('verifies through its Authorization header', () => {
      const header = formatV3Authorization(vector.accessKeyId, vector.signedHeaders.split(';'), vector.signature);
      const parsed = parseV3Authorization(header);
      expect(parsed).toEqual({
        algorithm: 'ACS3-HMAC-SHA256',
        accessKeyId: vector.accessKeyId,
        signedHeaders: vector.signedHeaders.split(';'),
        signature: vector.signature,
      });
      expect(verifyV3Signature({ ...v3Request(vector), signedHeaders: parsed?.signedHeaders ?? [] }, vector.secret, vector.signature)).toBe(true);
      expect(verifyV3Signature(v3Request(vector), vector.secret, vector.signature.toUpperCase())).toBe(true);
    });

    it('fails when any query parameter changes, is added or is removed', () => {
      const request = v3Request(vector);
      for (const key of Object.keys(vector.query)) {
        const changed = { ...request, query: { ...vector.query, [key]: `${vector.query[key]}x` } };
        expect(verifyV3Signature(changed, vector.secret, vector.signature), key).toBe(false);
        const removed = { ...request, query: Object.fromEntries(Object.entries(vector.query).filter(([k]) => k !== key)) };
        expect(verifyV3Signature(removed, vector.secret, vector.signature), key).toBe(false);
      }
      const added = { ...request, query: { ...vector.query, Extra: '1' } };
      expect(verifyV3Signature(added, vector.secret, vector.signature)).toBe(false);
    });

    it('fails when any signed header changes or is left out of the signed list', () => {
      const request = v3Request(vector);
      for (const name of vector.signedHeaders.split(';')) {
        const changed = { ...request, headers: { ...vector.headers, [name]: `${vector.headers[name]}x` } };
        expect(verifyV3Signature(changed, vector.secret, vector.signature), name).toBe(false);
        const unsigned = { ...request, signedHeaders: request.signedHeaders.filter((n) => n !== name) };
        expect(verifyV3Signature(unsigned, vector.secret, vector.signature), name).toBe(false);
      }
    });

    it('fails with another secret, method, path, body or signature', () => {
      const request = v3Request(vector);
      expect(verifyV3Signature(request, `${vector.secret}x`, vector.signature)).toBe(false);
      expect(verifyV3Signature({ ...request, method: 'GET' }, vector.secret, vector.signature)).toBe(false);
      expect(verifyV3Signature({ ...request, path: '/x' }, vector.secret, vector.signature)).toBe(false);
      expect(verifyV3Signature({ ...request, hashedPayload: sha256Hex('x') }, vector.secret, vector.signature)).toBe(false);
      const flipped = `${vector.signature.slice(0, -1)}${vector.signature.endsWith('0') ? '1' : '0'}`;
      expect(verifyV3Signature(request, vector.secret, flipped)).toBe(false);
    });

    it('ignores surrounding white space in header values, as the canonical form trims them', () => {
      const request = v3Request(vector);
      const padded = { ...request, headers: { ...vector.headers, 'x-acs-action': `  ${vector.headers['x-acs-action']} ` } };
      expect(verifyV3Signature(padded, vector.secret, vector.signature)).toBe(true);
    });
  });
});

describe('parseV3Authorization', () => {
  it('refuses headers without all three parts', () => {
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host')).toBeUndefined();
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=id,Signature=abc')).toBeUndefined();
    expect(parseV3Authorization('ACS3-HMAC-SHA256')).toBeUndefined();
    expect(parseV3Authorization('')).toBeUndefined();
  });

  it('tolerates spaces after the commas', () => {
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=id, SignedHeaders=host;x-acs-date, Signature=ab')).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'id',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'ab',
    });
  });
});
