import { api } from '@/lib/server/services';

// Unknown API paths, /api itself included, answer in the API's error shape; the specific routes beside this one take
// precedence.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = () => api.notFound();
export const POST = () => api.notFound();
export const PUT = () => api.notFound();
export const PATCH = () => api.notFound();
export const DELETE = () => api.notFound();
