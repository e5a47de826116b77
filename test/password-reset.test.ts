// Imported first: server actions run in Next.js's own request scope below.
import { inRequestScope } from "./support/request-scope";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/action-result";
import { env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { auth } from "@/lib/server/auth/auth";
import { db } from "@/lib/server/database/db";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { requestPasswordResetAction } from "@/lib/server/actions/auth/request-password-reset-action";
import { resetPasswordAction } from "@/lib/server/actions/auth/reset-password-action";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { startSmtpSink } from "./support/smtp-sink";
import { cookieFrom, signUp } from "./support/team";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** Runs an action signed out, from one client address; a redirect counts as its success. */
async function signedOut<T>(fn: () => Promise<T>, address = "203.0.113.7"): Promise<T | "redirected"> {
  const headers = new Headers({ host: "portal.test", [CLIENT_ADDRESS_HEADER]: address });
  return inRequestScope(headers, fn).catch((error: unknown) => {
    if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) return "redirected" as const;
    throw error;
  });
}

const message = (result: ActionResult | "redirected") =>
  result === "redirected" ? result : (result.message ?? "(no message)");

/** Opens the emailed link as a browser does: better-auth checks the token and redirects to the portal's page. */
async function follow(link: string): Promise<URL> {
  const response = await authGet(new Request(link));
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!, link);
}

const signIn = async (email: string, password: string) => {
  const { headers } = await auth.api.signInEmail({ body: { email, password }, returnHeaders: true });
  return new Headers({ cookie: cookieFrom(headers) });
};

describe("[ACCOUNT] password reset by email", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    // As if the portal had started with SMTP_URL set: it sends through this real server.
    Object.assign(env(), { SMTP_URL: smtp.url });
  });
  afterAll(() => smtp.stop());

  it("emails a single-use link that sets a new password and ends every session", async () => {
    const user = await signUp("Forgetful");
    const { id: partnerId } = await createPartner({ name: "Forgetful Devices", ownerUserId: user.userId });
    const otherSession = await signIn(user.email, "correct-horse-battery");

    const requested = await signedOut(() => requestPasswordResetAction(null, form({ email: user.email })));
    expect(requested).toMatchObject({ ok: true });
    // No account enumeration: an unknown address gets the same answer.
    const unknown = `nobody-${Date.now()}@example.test`;
    const unknownResult = await signedOut(() => requestPasswordResetAction(null, form({ email: unknown })));
    expect(message(unknownResult).replace(unknown, "X")).toBe(message(requested).replace(user.email, "X"));

    const mail = await smtp.next(user.email);
    expect(mail.subject).toBe("Set a new Partner Hub password");
    expect(mail.text).toContain("works once and expires in 60 minutes");
    const link = /https?:\/\/\S+\/reset-password\/\S+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();

    const landing = await follow(link!);
    expect(landing.pathname).toBe("/reset-password");
    const token = landing.searchParams.get("token")!;
    expect(token).toBeTruthy();

    // The form's own checks come first: a short password is a field error, and the link still works after it.
    const short = await signedOut(() => resetPasswordAction(null, form({ token, newPassword: "short" })));
    expect(short).toMatchObject({ ok: false, fieldErrors: { newPassword: ["Use at least 10 characters"] } });

    const reset = await signedOut(() =>
      resetPasswordAction(null, form({ token, newPassword: "a-brand-new-password" })),
    );
    expect(reset).toBe("redirected");

    // Every session ended, the new password works and the old one does not.
    expect(await auth.api.getSession({ headers: user.headers() })).toBeNull();
    expect(await auth.api.getSession({ headers: otherSession })).toBeNull();
    await expect(signIn(user.email, "a-brand-new-password")).resolves.toBeInstanceOf(Headers);
    await expect(signIn(user.email, "correct-horse-battery")).rejects.toThrow();

    // The link works once: opening it again lands on the "no longer valid" page, and its token is refused.
    const again = await follow(link!);
    expect(again.searchParams.get("error")).toBe("INVALID_TOKEN");
    expect(again.searchParams.has("token")).toBe(false);
    const reused = await signedOut(() =>
      resetPasswordAction(null, form({ token, newPassword: "yet-another-password" })),
    );
    expect(message(reused)).toMatch(/no longer valid/);
    await expect(signIn(user.email, "yet-another-password")).rejects.toThrow();

    const audit = await db.auditEvent.findFirstOrThrow({ where: { partnerId, action: "member.password_reset" } });
    expect(audit).toMatchObject({ actorId: user.userId, ip: "203.0.113.7" });
    expect(audit.actorLabel).toBe(`Forgetful <${user.email}>`);
  });

  it("counts reset requests against the sign-in attempt limits", async () => {
    const email = `limited-${Date.now()}@example.test`;
    const results: (ActionResult | "redirected")[] = [];
    for (let i = 0; i <= env().AUTH_ATTEMPTS_PER_ACCOUNT; i++) {
      // From different addresses, so only the per-account limit is in play.
      results.push(await signedOut(() => requestPasswordResetAction(null, form({ email })), `198.51.100.${i + 1}`));
    }
    expect(results.slice(0, -1).every((r) => r !== "redirected" && r.ok)).toBe(true);
    expect(message(results.at(-1)!)).toMatch(/^Too many attempts; try again in \d+ minutes?\.$/);
  });

  it("is reached only through the portal's actions: better-auth's own endpoints answer 404", async () => {
    for (const path of ["request-password-reset", "reset-password"]) {
      const response = await authPost(
        new Request(`${env().PUBLIC_URL}/api/auth/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: env().PUBLIC_URL },
          body: JSON.stringify({ email: "someone@example.test", newPassword: "a-brand-new-password", token: "x" }),
        }),
      );
      expect(response.status).toBe(404);
    }
  });

  it("is refused, saying why, when the portal has no outgoing mail", async () => {
    const url = env().SMTP_URL;
    Object.assign(env(), { SMTP_URL: undefined });
    try {
      const result = await signedOut(() => requestPasswordResetAction(null, form({ email: "a@example.test" })));
      expect(message(result)).toMatch(/no outgoing mail \(SMTP_URL\)/);
    } finally {
      Object.assign(env(), { SMTP_URL: url });
    }
  });
});
