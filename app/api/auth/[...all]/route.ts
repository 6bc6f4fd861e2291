// Better Auth's handler, nothing else (sign-up, sign-in, organizations, sessions).
import { auth } from '@/lib/auth/server';

export const dynamic = 'force-dynamic';

export const GET = (req: Request) => auth().handler(req);
export const POST = (req: Request) => auth().handler(req);
