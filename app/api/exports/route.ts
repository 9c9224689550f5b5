import { api } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function GET(request: Request): Promise<Response> {
  return api.list(request);
}

export function POST(request: Request): Promise<Response> {
  return api.create(request);
}

export const { PUT, PATCH, DELETE, OPTIONS } = api.otherMethods(['GET', 'POST']);
