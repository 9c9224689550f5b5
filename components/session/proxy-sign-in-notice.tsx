/**
 * AUTH_MODE=proxy and the request did not come through the sign-on proxy (or the proxy did not prove itself): the
 * dashboard cannot know who this is, and says how to get in instead of showing an empty page.
 */
export function ProxySignInNotice() {
  return (
    <main className="mx-auto max-w-2xl px-4 pt-10 pb-16 sm:px-6">
      <h1 className="text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Sign in through the company sign-on</h1>
      <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
        This dashboard signs users in through the company&apos;s single sign-on proxy, and this request did not come
        through it, so the dashboard cannot tell who you are.
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
        <li>Open the dashboard at the address your team publishes (the one behind the sign-on), not at this server&apos;s own address or port.</li>
        <li>If you did use that address, your sign-on session may have ended: reload the page to sign in again.</li>
        <li>Still here? Ask the dashboard&apos;s administrators to check the proxy&apos;s settings.</li>
      </ul>
    </main>
  );
}
