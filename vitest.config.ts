import { defineConfig } from 'vitest/config';

// Unit tests sit beside their code (lib/, hooks/, components/: x.test.ts next
// to x.ts, x.tsx or the component that uses it); integration tests in
// tests/ talk to the real server and the real PostgreSQL that scripts/test.ts
// starts (ORYLO_BASE_URL, DATABASE_URL).
export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['lib/**/*.test.ts', 'hooks/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: files in parallel would only fight over the one server.
    fileParallelism: false,
    pool: 'forks',
  },
});
