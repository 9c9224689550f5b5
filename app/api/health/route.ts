import { api } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function GET(request: Request): Promise<Response> {
  return api.health(request);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = api.otherMethods(['GET']);
