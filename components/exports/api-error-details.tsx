import type { ApiError } from '@/lib/api/api-error';

/** The code and request id of a failure, in a form that can be copied into a support ticket. */
export function ApiErrorDetails({ error }: { error: ApiError }) {
  return (
    <p className="mt-1 font-mono text-[11px] leading-4 break-all text-zinc-600 dark:text-zinc-400">
      <span>Code: {error.code}</span>
      {error.status !== null ? <span> · HTTP {error.status}</span> : null}
      {error.requestId ? <span> · Request ID: {error.requestId}</span> : null}
    </p>
  );
}

/**
 * The same facts on one line, for a notice that has no room for the block above. A refusal for want of a role already
 * says it in words ("This needs the operator role; you are a viewer."): its code adds nothing.
 */
export function errorSummary(error: ApiError): string {
  if (error.status === 403 && error.code === 'Forbidden') {
    return `${error.message}${error.requestId ? ` (Request ID: ${error.requestId})` : ''}`;
  }
  return `${error.message} (Code: ${error.code}${error.requestId ? ` · Request ID: ${error.requestId}` : ''})`;
}
