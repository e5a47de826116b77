import "server-only";
import type { BetterAuthPlugin, BetterAuthRateLimitOptions } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { forgiveAuthAttempt, takeAuthAttempt, type AuthAttempt } from "./auth-attempts";
import { asAppError } from "../errors";
import { limiter } from "../rate-limiter";

// better-auth's endpoints where a stranger spends attempts. Each attempt
// counts. A sign-in that succeeds is forgiven; a sign-up that succeeds is
// forgiven its account's point only (accounts made still count against the
// address). Hooks run for HTTP requests to /api/auth/* and for auth.api calls
// from the portal's server actions alike.
const LIMITED_PATHS = new Set(["/sign-in/email", "/sign-up/email", "/request-password-reset", "/reset-password"]);
const IS_ADDRESS_FORGIVEN_ON_SUCCESS: Record<string, boolean> = { "/sign-in/email": true, "/sign-up/email": false };

type HookContext = { path?: string | undefined; body?: unknown; headers?: Headers | undefined };

function attemptOf(context: HookContext): AuthAttempt {
  const email = (context.body as { email?: unknown } | undefined)?.email;
  return {
    account: typeof email === "string" ? email : undefined,
    // Set by server.ts from the connection (or trusted proxies), never by the client.
    address: context.headers?.get(CLIENT_ADDRESS_HEADER) ?? undefined,
  };
}

/** The portal's per-account and per-address attempt limits as a better-auth plugin. */
export function authAttemptLimits() {
  return {
    id: "auth-attempt-limits",
    hooks: {
      before: [
        {
          matcher: (context) => LIMITED_PATHS.has(context.path ?? ""),
          handler: createAuthMiddleware(async (context) => {
            try {
              const kind = context.path === "/request-password-reset" ? "mail-request" : "sign-in";
              await takeAuthAttempt(attemptOf(context), kind);
            } catch (error) {
              const limited = asAppError(error);
              if (limited?.code !== "RATE_LIMITED") throw error;
              throw new APIError(
                "TOO_MANY_REQUESTS",
                { message: limited.message, code: "TOO_MANY_ATTEMPTS" },
                { "Retry-After": String(limited.retryAfterSeconds) },
              );
            }
          }),
        },
      ],
      after: [
        {
          matcher: (context) => Object.hasOwn(IS_ADDRESS_FORGIVEN_ON_SUCCESS, context.path ?? ""),
          handler: createAuthMiddleware(async (context) => {
            if (isAPIError(context.context.returned)) return;
            await forgiveAuthAttempt(attemptOf(context), IS_ADDRESS_FORGIVEN_ON_SUCCESS[context.path]);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

/**
 * better-auth's own per-address request limits on its HTTP endpoints (its
 * defaults: 3 sign-in or sign-up requests per 10 s, 3 password-reset requests
 * per minute, 100 other requests per 10 s), on in every mode (better-auth
 * enables them only in production) and counted where RATE_LIMIT_STORE says.
 */
export function httpRateLimit(): BetterAuthRateLimitOptions {
  const limiters = new Map<string, RateLimiterAbstract>();
  return {
    enabled: true,
    customStorage: {
      async consume(key, rule) {
        const name = `${rule.window}:${rule.max}`;
        let limit = limiters.get(name);
        if (!limit) limiters.set(name, (limit = limiter(`auth-http-${name}`, rule.max, rule.window)));
        try {
          await limit.consume(key);
          return { allowed: true, retryAfter: null };
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          return { allowed: false, retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
        }
      },
    },
  };
}
