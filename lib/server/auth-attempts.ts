import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { limitKeyOfAddress } from "@/lib/client-address";
import { env } from "@/lib/env";
import { AppError } from "./errors";
import { limiter } from "./rate-limiter";

// Sign-in, sign-up and password-reset attempts, counted per account (the
// email) and per client address over AUTH_ATTEMPT_WINDOW_MINUTES. An attempt
// takes its point before it is made, so concurrent guesses cannot all slip
// past one check; a sign-in that succeeds gives it back.

/** Who is attempting: the email named, and the client's address (either may be unknown). */
export type AuthAttempt = { account?: string | undefined; address?: string | undefined };

const globalForLimits = globalThis as unknown as {
  authAttemptLimits?: { perAccount: RateLimiterAbstract; perAddress: RateLimiterAbstract };
};

function limits() {
  const config = env();
  const seconds = config.AUTH_ATTEMPT_WINDOW_MINUTES * 60;
  globalForLimits.authAttemptLimits ??= {
    perAccount: limiter("auth-account", config.AUTH_ATTEMPTS_PER_ACCOUNT, seconds),
    perAddress: limiter("auth-address", config.AUTH_ATTEMPTS_PER_ADDRESS, seconds),
  };
  return globalForLimits.authAttemptLimits;
}

const keysOf = (attempt: AuthAttempt) => ({
  account: attempt.account?.trim().toLowerCase() || undefined,
  address: attempt.address ? limitKeyOfAddress(attempt.address) : undefined,
});

/** "Too many attempts; try again in N minutes." with Retry-After, once the window's points are used. */
export function tooManyAttempts(msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    "RATE_LIMITED",
    `Too many attempts; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`,
    { retryAfterSeconds: seconds },
  );
}

async function take(limit: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limit.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooManyAttempts(error.msBeforeNext);
    throw error;
  }
}

/** Counts an attempt before it is made; a RATE_LIMITED AppError when the address or the account has none left. */
export async function takeAuthAttempt(attempt: AuthAttempt): Promise<void> {
  const { perAccount, perAddress } = limits();
  const { account, address } = keysOf(attempt);
  if (address) await take(perAddress, address);
  if (account) await take(perAccount, account);
}

/** After a success: the account (if given) starts afresh and the address (if given) gets its attempt back. */
export async function forgiveAuthAttempt(attempt: AuthAttempt): Promise<void> {
  const { perAccount, perAddress } = limits();
  const { account, address } = keysOf(attempt);
  if (address) await perAddress.reward(address, 1);
  if (account) await perAccount.delete(account);
}
