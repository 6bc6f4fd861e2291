// Better Auth's handler, nothing else (sign-up, sign-in, organizations, sessions), behind a body cap.
import { handleAuthRequest } from '@/lib/api/auth-handler';

export const dynamic = 'force-dynamic';

export const GET = handleAuthRequest;
export const POST = handleAuthRequest;
