import { api } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request, ctx: { params: Promise<{ kind: string; id: string }> }): Promise<Response> {
  return api.download(request, await ctx.params);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = api.otherMethods(['GET']);
