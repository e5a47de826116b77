import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/server/auth/auth";

const handlers = toNextJsHandler(auth);

// The only better-auth HTTP endpoints the portal offers: signing in and out
// (scripts and benchmarks sign in over HTTP), the session, and the emailed
// links' own checks (a password reset's, and a sign-up's, which signs in). Every other one answers 404: the portal's pages
// call better-auth in-process through their actions, which add what the raw
// endpoints lack (a partner for a new account, the password policy, attempt
// limits, audit), and some raw endpoints hand out session tokens to scripts.
const OPEN: { method: "GET" | "POST"; path: RegExp }[] = [
  { method: "POST", path: /^\/sign-in\/email$/ },
  { method: "POST", path: /^\/sign-out$/ },
  { method: "GET", path: /^\/get-session$/ },
  { method: "GET", path: /^\/reset-password\/[^/]+$/ },
  { method: "GET", path: /^\/verify-email$/ },
];

function isOpen(request: Request): boolean {
  const path = new URL(request.url).pathname.replace(/^\/api\/auth/, "");
  return OPEN.some((endpoint) => endpoint.method === request.method && endpoint.path.test(path));
}

const notFound = () => Response.json({ message: "Not found" }, { status: 404 });

// better-auth's own request limit answers 429 with only X-Retry-After; add
// the standard Retry-After (the portal's attempt limits already send it).
function withRetryAfter(response: Response): Response {
  const seconds = response.headers.get("x-retry-after");
  if (response.status === 429 && seconds && !response.headers.has("retry-after"))
    response.headers.set("Retry-After", seconds);
  return response;
}

export const GET = async (request: Request) =>
  isOpen(request) ? withRetryAfter(await handlers.GET(request)) : notFound();
export const POST = async (request: Request) =>
  isOpen(request) ? withRetryAfter(await handlers.POST(request)) : notFound();
