import { api } from '@/lib/server/services';
import { authRoute } from '@/lib/server/auth/auth-routes';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = api.signInRoute(authRoute('logout'));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = api.otherMethods(['POST']);
