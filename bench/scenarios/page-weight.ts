/**
 * First-load JavaScript on the wire: every script the page's HTML references (`<script src>` and script preloads),
 * fetched as a browser would fetch it (Accept-Encoding gzip, deflate, br), counting the body bytes as the server
 * sent them, compressed. Scripts that the page imports later, on demand, are not first-load and are not counted.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { BenchContext } from '../context';
import { formatKb, formatRatio, ratio, type Scenario } from '../figures';

const GOAL_RATIO = 1.3;

interface Transfer {
  url: string;
  wireBytes: number;
  bytes: number;
  encoding: string;
}

function get(url: string): Promise<{ status: number; encoding: string; wire: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: String(res.headers['content-encoding'] ?? 'identity'), wire: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(wire: Buffer, encoding: string): Buffer {
  if (encoding === 'gzip') return gunzipSync(wire);
  if (encoding === 'br') return brotliDecompressSync(wire);
  if (encoding === 'deflate') return inflateSync(wire);
  return wire;
}

/** The script URLs an HTML document makes the browser load at once. */
export function firstLoadScripts(html: string, base: string): string[] {
  const urls = new Set<string>();
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = attr(tag, 'src');
    if (src) urls.add(new URL(src.replaceAll('&amp;', '&'), base).href);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const rel = attr(tag, 'rel') ?? '';
    const href = attr(tag, 'href');
    const isScript = rel === 'modulepreload' || (rel === 'preload' && attr(tag, 'as') === 'script');
    if (href && isScript) urls.add(new URL(href.replaceAll('&amp;', '&'), base).href);
  }
  return [...urls];
}

export async function measurePage(origin: string): Promise<{ total: number; totalDecoded: number; htmlWire: number; scripts: Transfer[] }> {
  const page = await get(`${origin}/`);
  if (page.status !== 200) throw new Error(`${origin}/ answered ${page.status}`);
  const html = decode(page.wire, page.encoding).toString('utf8');
  const scripts: Transfer[] = [];
  for (const url of firstLoadScripts(html, origin)) {
    const res = await get(url);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    scripts.push({ url: new URL(url).pathname, wireBytes: res.wire.length, bytes: decode(res.wire, res.encoding).length, encoding: res.encoding });
  }
  scripts.sort((a, b) => b.wireBytes - a.wireBytes);
  return {
    total: scripts.reduce((sum, s) => sum + s.wireBytes, 0),
    totalDecoded: scripts.reduce((sum, s) => sum + s.bytes, 0),
    htmlWire: page.wire.length,
    scripts,
  };
}

export const pageWeight: Scenario<BenchContext> = {
  name: 'page weight',
  async run({ dashboard, emptyPage }) {
    const ours = await measurePage(dashboard.url);
    const empty = await measurePage(emptyPage.url);
    const r = ratio(ours.total, empty.total);
    return {
      figures: [
        {
          figure: 'first-load JavaScript (compressed, on the wire)',
          value: formatKb(ours.total),
          baseline: formatKb(empty.total),
          ratio: formatRatio(r),
          goal: `<= ${GOAL_RATIO}x the empty page`,
          met: r <= GOAL_RATIO,
        },
      ],
      details: { dashboard: ours, emptyPage: empty, ratio: r },
    };
  },
};
