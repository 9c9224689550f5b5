import { api } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function GET(): Promise<Response> {
  return api.health();
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = api.otherMethods(['GET']);
