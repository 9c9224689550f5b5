// @ts-check
/**
 * Security headers that are the same for every response. The Content-Security-Policy, which carries a per-request
 * nonce, and Strict-Transport-Security, which depends on how the request arrived, are set in proxy.ts.
 */

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel test runs build side by side (each with its own NEXT_DIST_DIR); `.next` otherwise.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // The stylesheet goes inside the page's HTML instead of a render-blocking request of its own.
    inlineCss: true,
  },
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
