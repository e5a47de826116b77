import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { limitKeyOfAddress } from "@/lib/http/client-address";
import { env } from "@/lib/env";
import { processState } from "@/lib/runtime/process-state";
import { AppError } from "../errors";
import { limiter } from "../rate-limiter";

// Sign-in, sign-up and password-reset attempts over AUTH_ATTEMPT_WINDOW_MINUTES.
// An attempt takes its point before it is made, so concurrent guesses cannot
// all slip past one check; a sign-in that succeeds gives it back.
// - Per client address (AUTH_ATTEMPTS_PER_ADDRESS): then refused.
// - Per account from one address (AUTH_ATTEMPTS_PER_ACCOUNT): then refused
//   from that address only, so nobody can lock an owner out of their own
//   account from somewhere else by failing on purpose.
// - Per account from anywhere (the same number): then every attempt waits
//   ACCOUNT_DELAY_MS first, which slows a guesser spread over many addresses
//   without locking anyone out.
// - Password-reset requests per account: then refused (each sends a mail).

/** Who is attempting: the email named, and the client's address (either may be unknown). */
export type AuthAttempt = { account?: string | undefined; address?: string | undefined };

/**
 * What the attempt is. A "mail-request" makes the portal email the address
 * (a password reset request, a sign-up by mail): its account limit is its
 * own and refuses rather than delays.
 */
export type AttemptKind = "sign-in" | "mail-request";

const ACCOUNT_DELAY_MS = 2_000;

type Limits = {
  perAddress: RateLimiterAbstract;
  perAccountFromAddress: RateLimiterAbstract;
  perAccount: RateLimiterAbstract;
  mailRequests: RateLimiterAbstract;
};
function limits(): Limits {
  return processState("auth-attempt-limits", () => {
    const config = env();
    const seconds = config.AUTH_ATTEMPT_WINDOW_MINUTES * 60;
    return {
      perAddress: limiter("auth-address", config.AUTH_ATTEMPTS_PER_ADDRESS, seconds),
      perAccountFromAddress: limiter("auth-account-address", config.AUTH_ATTEMPTS_PER_ACCOUNT, seconds),
      perAccount: limiter("auth-account", config.AUTH_ATTEMPTS_PER_ACCOUNT, seconds),
      mailRequests: limiter("auth-mail-request", config.AUTH_ATTEMPTS_PER_ACCOUNT, seconds),
    };
  });
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

/** True when the account has attempts left in the window; counts this one either way. */
async function hasPoints(limit: RateLimiterAbstract, key: string): Promise<boolean> {
  try {
    await limit.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

/**
 * Counts an attempt before it is made: a RATE_LIMITED AppError when the
 * address, or the account from this address, has none left; a pause first
 * when the account has none left from anywhere.
 */
export async function takeAuthAttempt(attempt: AuthAttempt, kind: AttemptKind = "sign-in"): Promise<void> {
  const { perAddress, perAccountFromAddress, perAccount, mailRequests } = limits();
  const { account, address } = keysOf(attempt);
  if (address) await take(perAddress, address);
  if (!account) return;
  if (kind === "mail-request") return take(mailRequests, account);
  // Without a known address, the account's own limit is the only one there is.
  if (!address) return take(perAccountFromAddress, account);
  await take(perAccountFromAddress, `${account} ${address}`);
  if (!(await hasPoints(perAccount, account))) await new Promise((resolve) => setTimeout(resolve, ACCOUNT_DELAY_MS));
}

/**
 * After a success: the account (if given) starts afresh and the address (if
 * given) gets its attempt back, unless `isAddressForgiven` is false (a new
 * account still counts against the address that made it).
 */
export async function forgiveAuthAttempt(attempt: AuthAttempt, isAddressForgiven = true): Promise<void> {
  const { perAddress, perAccountFromAddress, perAccount } = limits();
  const { account, address } = keysOf(attempt);
  if (address && isAddressForgiven) await perAddress.reward(address, 1);
  if (!account) return;
  await perAccount.delete(account);
  await perAccountFromAddress.delete(address ? `${account} ${address}` : account);
}
