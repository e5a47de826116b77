// A browser names the page that sent a request in its Origin header. A write
// whose Origin is another site, or "null" (sandboxed frames, some redirects,
// file: pages), is cross-site and refused with 403; a request without one
// (curl, scripts) is not a browser's cross-site write. The host compared is
// the one Next.js compares for server actions: X-Forwarded-Host, else Host.

/** True when `headers` carry an Origin that is not this host's. */
export function isCrossSite(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null", or not a URL
  }
}
