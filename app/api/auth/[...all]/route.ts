import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/server/auth";

const handlers = toNextJsHandler(auth);

// better-auth's own request limit answers 429 with only X-Retry-After; add
// the standard Retry-After (the portal's attempt limits already send it).
function withRetryAfter(response: Response): Response {
  const seconds = response.headers.get("x-retry-after");
  if (response.status === 429 && seconds && !response.headers.has("retry-after"))
    response.headers.set("Retry-After", seconds);
  return response;
}

export const GET = async (request: Request) => withRetryAfter(await handlers.GET(request));
export const POST = async (request: Request) => withRetryAfter(await handlers.POST(request));
