import { api } from '@/lib/server/services';
import { authRoute } from '@/lib/server/auth/auth-routes';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = api.signInRoute(authRoute('callback'));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = api.otherMethods(['GET']);
