import { NextResponse, type NextRequest } from "next/server";
import { isCrossSite } from "@/lib/http/cross-site";
import { env } from "@/lib/env";
import { newNonce, pageContentSecurityPolicy } from "@/lib/http/security-headers";

// Every page gets a Content-Security-Policy with a nonce of its own. Next.js
// reads the nonce from the request's policy header and puts it on the
// scripts it renders, which is why every page is rendered per request
// (app/layout.tsx). The JSON APIs and static files are not pages: server.ts
// gives them their headers.
export function proxy(request: NextRequest): NextResponse {
  // Next.js refuses a cross-site server action by throwing, which answers
  // 500; the refusal is the client's doing, so it is a 403 here, before it.
  if (request.method === "POST" && request.headers.has("next-action") && isCrossSite(request.headers))
    return new NextResponse("Cross-site request refused.", { status: 403 });
  const config = env();
  const policy = pageContentSecurityPolicy({
    nonce: newNonce(),
    deviceApiUrl: config.DEVICE_API_URL,
    isHttps: config.PUBLIC_URL.startsWith("https:"),
    isDev: config.NODE_ENV === "development",
  });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!api/|v1/|_next/static/|_next/image).*)"],
};
