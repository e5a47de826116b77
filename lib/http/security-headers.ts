// The browser-facing security headers, shared by server.ts (every response,
// the JSON APIs' policy) and proxy.ts (the pages' policy with a fresh nonce).

/** Headers every response carries: pages, assets, the JSON APIs and CSV exports. */
export function commonSecurityHeaders(options: { isHttps: boolean }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    // Other origins learn at most which site a visitor came from, never a device's URL.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // The portal uses none of the devices and sensors a page could ask for.
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), midi=(), display-capture=()",
    // For browsers that predate CSP's frame-ancestors.
    "X-Frame-Options": "DENY",
    // Only over HTTPS: on plain HTTP the browser ignores it anyway.
    ...(options.isHttps ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** For responses that are not pages (JSON, CSV): they load nothing and no page may frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Path prefixes of the JSON APIs (the device API, the portal's own API, better-auth's). */
export const isApiPath = (path: string): boolean => path.startsWith("/api/") || path.startsWith("/v1/");

/** A fresh, unguessable nonce for one page response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

/**
 * A page's policy. Scripts run only with this response's nonce (Next.js puts
 * it on its own scripts) or when loaded by such a script ('strict-dynamic');
 * inline scripts an attacker injects have no nonce. Styles allow inline ones:
 * sonner (the toasts) adds a <style> element at run time without a nonce, and
 * a nonce in style-src would switch 'unsafe-inline' off. The browser talks to
 * this origin (pages, /mqtt over WebSocket) and to the device API, which may
 * be served from another origin (DEVICE_API_URL).
 */
export function pageContentSecurityPolicy(options: {
  nonce: string;
  deviceApiUrl: string;
  isHttps: boolean;
  isDev: boolean;
}): string {
  const deviceApiOrigin = new URL(options.deviceApiUrl).origin;
  const directives = [
    "default-src 'self'",
    // next dev evaluates code to rebuild server error stacks in the browser; production never does.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${deviceApiOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.isHttps ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
