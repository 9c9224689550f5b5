import { api } from '@/lib/server/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function DELETE(request: Request, ctx: { params: Promise<{ kind: string; id: string }> }): Promise<Response> {
  return api.remove(request, await ctx.params);
}

export const { GET, POST, PUT, PATCH, OPTIONS } = api.otherMethods(['DELETE']);
