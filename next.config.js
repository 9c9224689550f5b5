// @ts-check
/**
 * Security headers apply to every response. The CSP allows inline styles (Next injects some) and
 * scripts only from this origin plus Next's inline bootstrap; nothing is loaded from elsewhere, and
 * the page may not be framed. In development React needs 'unsafe-eval' for its debugging aids.
 */
const isDev = process.env.NODE_ENV !== 'production';

const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel test runs build side by side (each with its own NEXT_DIST_DIR); `.next` otherwise.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // The SDK, the file libraries and the record's database drivers (PGlite loads its WebAssembly and data files from
  // its own folder) are plain Node packages: keep them out of the server bundle.
  serverExternalPackages: [
    '@alicloud/cdn20180510',
    '@alicloud/credentials',
    '@alicloud/openapi-core',
    'pdfkit',
    'exceljs',
    '@electric-sql/pglite',
    'pg',
    'proper-lockfile',
  ],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: csp },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
