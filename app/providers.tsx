'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { leadThroughSignIn } from '@/components/session/session-expiry';
import { Notices } from '@/components/ui/notices';
import { shouldRetryQuery } from '@/lib/api/exports';
import { onUnauthenticated } from '@/lib/api/http';

// At load, before any query can run: every 401 the browser gets takes the user through the sign-in and back.
onUnauthenticated(leadThroughSignIn);

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The BFF reuses a list answer for ~2 s anyway; asking again sooner only costs a round trip.
        staleTime: 2000,
        retry: shouldRetryQuery,
      },
      mutations: {
        // A create must never be repeated behind the user's back; the form offers the retry (with the same key).
        retry: false,
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created once: a module-level client would be shared between requests on the server.
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Notices />
    </QueryClientProvider>
  );
}
