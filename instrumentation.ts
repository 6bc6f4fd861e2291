// Next's start-up hook: runs once when a server process starts (next start,
// next dev, scripts/server.ts through next()). NEXT_RUNTIME is set by Next
// itself, not by the operator; the Edge runtime has nothing to register.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { registerServerParts } = await import('@/lib/server/register');
  registerServerParts();
}
