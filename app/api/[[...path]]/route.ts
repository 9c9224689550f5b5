import { api } from '@/lib/server/services';

// Unknown API paths, /api itself included, answer in the API's error shape; the specific routes beside this one take
// precedence.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = (request: Request) => api.notFound(request);
export const POST = (request: Request) => api.notFound(request);
export const PUT = (request: Request) => api.notFound(request);
export const PATCH = (request: Request) => api.notFound(request);
export const DELETE = (request: Request) => api.notFound(request);
export const OPTIONS = (request: Request) => api.notFound(request);
