import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { APIError } from "better-auth/api";
import { POST as authRoute } from "@/app/api/auth/[...all]/route";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { auth } from "@/lib/server/auth/auth";
import { randomAddress } from "./support/device-api";
import { PASSWORD_ROUNDS_BUDGET } from "./support/slowdown";

// The defaults: 10 attempts per account and 30 per address in 15 minutes.
const PASSWORD = "correct-horse-battery";
const newEmail = () => `limits-${randomUUID().slice(0, 8)}@example.test`;
const from = (address: string) => new Headers({ [CLIENT_ADDRESS_HEADER]: address });

/** A sign-in as the portal's form makes it: the status better-auth answered, or 200. */
async function signIn(email: string, password: string, address = randomAddress()) {
  try {
    await auth.api.signInEmail({ body: { email, password }, headers: from(address) });
    return { status: 200, message: "" };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    return {
      status: error.statusCode,
      message: error.message,
      retryAfter: Number(new Headers(error.headers).get("retry-after")),
    };
  }
}

async function signUp(email: string, address = randomAddress()) {
  await auth.api.signUpEmail({ body: { name: "Limits", email, password: PASSWORD }, headers: from(address) });
}

describe("[AUTH] attempt limits", { timeout: PASSWORD_ROUNDS_BUDGET }, () => {
  it("after 10 wrong passwords from one address, that address is refused the account with when to retry, even the right password", async () => {
    const email = newEmail();
    const address = randomAddress();
    await signUp(email, address);
    // All 10 count as failures: the sign-up itself left the account's count at zero.
    for (let i = 0; i < 10; i++) expect((await signIn(email, "wrong-password-123", address)).status).toBe(401);
    const refused = await signIn(email, PASSWORD, address);
    expect(refused).toMatchObject({ status: 429, message: "Too many attempts; try again in 15 minutes." });
    expect(refused.retryAfter).toBeGreaterThan(14 * 60);
    expect(refused.retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another account is not affected.
    const other = newEmail();
    await signUp(other);
    expect((await signIn(other, PASSWORD)).status).toBe(200);
  });

  it("nobody can lock an owner out from elsewhere: failures from other addresses only slow the account down", async () => {
    const email = newEmail();
    const owner = randomAddress();
    await signUp(email, owner);
    const attacker = randomAddress();
    for (let i = 0; i < 10; i++) expect((await signIn(email, "wrong-password-123", attacker)).status).toBe(401);
    expect((await signIn(email, PASSWORD, attacker)).status).toBe(429);
    // Failures spread over many addresses are not refused, but each waits first.
    const started = Date.now();
    expect((await signIn(email, "wrong-password-123", randomAddress())).status).toBe(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    // The owner, from their own address, signs in.
    expect((await signIn(email, PASSWORD, owner)).status).toBe(200);
  });

  it("a successful sign-in starts the account's count afresh", async () => {
    const email = newEmail();
    const address = randomAddress();
    await signUp(email, address);
    for (let i = 0; i < 9; i++) expect((await signIn(email, "wrong-password-123", address)).status).toBe(401);
    expect((await signIn(email, PASSWORD, address)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await signIn(email, "wrong-password-123", address)).status).toBe(401);
    expect((await signIn(email, "wrong-password-123", address)).status).toBe(429);
  });

  it("after 30 failed sign-ins from one address, whatever the accounts, that address is refused", async () => {
    // One IPv6 /64 counts as one address: its holder can change the last 64 bits at will.
    const network = `2001:db8:${randomBytes(2).toString("hex")}:1`;
    for (let i = 1; i <= 30; i++)
      expect((await signIn(newEmail(), "wrong-password-123", `${network}::${i}`)).status).toBe(401);
    expect(await signIn(newEmail(), "wrong-password-123", `${network}::ffff`)).toMatchObject({
      status: 429,
      message: expect.stringMatching(/^Too many attempts; try again in 1[45] minutes\.$/) as string,
    });
    expect(
      (await signIn(newEmail(), "wrong-password-123", `2001:db8:${randomBytes(2).toString("hex")}:2::1`)).status,
    ).toBe(401);
  });

  it("successful sign-ins do not use up the address's attempts", async () => {
    const address = randomAddress();
    const email = newEmail();
    await signUp(email);
    for (let i = 0; i < 35; i++) expect((await signIn(email, PASSWORD, address)).status).toBe(200);
  });

  it("every sign-up counts against the address: the 31st from one address is refused", async () => {
    const address = randomAddress();
    for (let i = 0; i < 30; i++) await signUp(newEmail(), address);
    await expect(signUp(newEmail(), address)).rejects.toMatchObject({
      statusCode: 429,
      message: "Too many attempts; try again in 15 minutes.",
    });
  });

  it("password-reset requests count per account", async () => {
    const email = newEmail();
    const request = () =>
      auth.api
        .requestPasswordReset({ body: { email }, headers: from(randomAddress()) })
        .then(() => 200)
        .catch((error: APIError) => error.statusCode);
    for (let i = 0; i < 10; i++) expect(await request()).not.toBe(429);
    expect(await request()).toBe(429);
  });
});

describe("[AUTH] attempt limits on better-auth's HTTP endpoints", () => {
  const post = (path: string, body: unknown, address: string) =>
    authRoute(
      new Request(`http://localhost:3000/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: address },
        body: JSON.stringify(body),
      }),
    );

  it("a locked account is refused over HTTP too: 429, Retry-After and the message", async () => {
    const email = newEmail();
    const address = randomAddress();
    await signUp(email);
    for (let i = 0; i < 10; i++) await signIn(email, "wrong-password-123", address);
    const response = await post("/sign-in/email", { email, password: PASSWORD }, address);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ message: "Too many attempts; try again in 15 minutes." });
  });

  it("wrong passwords over HTTP count like the form's, and better-auth limits bursts per address", async () => {
    const email = newEmail();
    await signUp(email);
    const address = randomAddress();
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await post("/sign-in/email", { email, password: "wrong-password-123" }, address)).status);
    // better-auth's own limit: 3 sign-in requests per 10 s from one address.
    expect(statuses).toEqual([401, 401, 401, 429]);
    const burst = await post("/sign-in/email", { email, password: PASSWORD }, address);
    expect(Number(burst.headers.get("retry-after"))).toBeGreaterThan(0);
    // The 3 wrong passwords counted for the account: 7 more are allowed.
    for (let i = 0; i < 7; i++) expect((await signIn(email, "wrong-password-123", address)).status).toBe(401);
    expect((await signIn(email, "wrong-password-123", address)).status).toBe(429);
  });
});
