// Imported first: server actions run in Next.js's own request scope below.
import { inRequestScope } from "./support/request-scope";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/action-result";
import { env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { auth } from "@/lib/server/auth/auth";
import { db } from "@/lib/server/database/db";
import { signUpAction } from "@/lib/server/actions/auth/sign-up-action";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { startSmtpSink } from "./support/smtp-sink";
import { signUp as signUpDirectly } from "./support/team";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** Signs up signed out, from one client address; a redirect (signed in at once) is its own answer. */
async function signUp(fields: Record<string, string>, address: string): Promise<ActionResult | "redirected"> {
  const headers = new Headers({ host: "portal.test", [CLIENT_ADDRESS_HEADER]: address });
  return inRequestScope(headers, () => signUpAction(null, form(fields))).catch((error: unknown) => {
    if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) return "redirected" as const;
    throw error;
  });
}

const signIn = (email: string, password: string) =>
  auth.api.signInEmail({ body: { email, password }, returnHeaders: true });

describe("[SECURITY] sign-up with outgoing mail does not tell a known address from a new one", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    // As if the portal had started with SMTP_URL set: it sends through this real server.
    Object.assign(env(), { SMTP_URL: smtp.url });
  });
  /** The mails `to` has received so far, once there are at least `count`. */
  const mailsTo = (to: string, count: number) =>
    vi.waitFor(
      () => {
        const received = smtp.messages.filter((mail) => mail.to.includes(to));
        if (received.length < count) throw new Error(`${received.length} of ${count} mails to ${to} so far`);
        return received;
      },
      { timeout: 15_000, interval: 20 },
    );
  afterAll(async () => {
    Object.assign(env(), { SMTP_URL: undefined });
    await smtp.stop();
  });

  it("answers alike; the new address gets a link that signs it in, the known one an 'already registered' mail", async () => {
    const email = `new-${Date.now()}@example.test`;
    const fields = { name: "Nova", partnerName: "Nova Devices", email, password: "correct-horse-battery" };
    const first = await signUp(fields, "203.0.113.21");
    expect(first).toMatchObject({ ok: true });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    // Made, with its partner, but not signed in: a known address could not be.
    expect(await db.member.count({ where: { userId: user.id, role: "owner" } })).toBe(1);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(user.emailVerified).toBe(false);

    // The same address again, from another client, with another name and password.
    const again = await signUp(
      { name: "Mallory", partnerName: "Probe Inc", email, password: "another-long-password" },
      "198.51.100.21",
    );
    expect(again).toEqual(first);
    expect(await db.organization.count({ where: { name: "Probe Inc" } })).toBe(0);
    await expect(signIn(email, "another-long-password")).rejects.toThrow();

    const [finish, known] = await mailsTo(email, 2);
    expect(finish!.subject).toBe("Finish creating your Partner Hub account");
    expect(known!.subject).toBe("You already have a Partner Hub account");
    expect(known!.text).toContain("Nothing was changed.");
    expect(known!.text).toContain("/forgot-password");

    // The link confirms the address and signs the account in, then lands on the portal.
    const link = /https?:\/\/\S+\/verify-email\?\S+/.exec(finish!.text)?.[0];
    expect(link).toBeDefined();
    const landed = await authGet(new Request(link!));
    expect(landed.status).toBe(302);
    expect(new URL(landed.headers.get("location")!, link).pathname).toBe("/");
    expect(landed.headers.getSetCookie().some((cookie) => cookie.includes("session_token="))).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBe(true);
    // The password chosen at sign-up works as well.
    await expect(signIn(email, "correct-horse-battery")).resolves.toBeDefined();
  });

  it("counts a known and a new address alike against the attempt limits", async () => {
    const known = (await signUpDirectly("Kim")).email;
    const fresh = `fresh-${Date.now()}@example.test`;
    const series = async (email: string, address: string) => {
      const answers: string[] = [];
      for (let i = 0; i <= env().AUTH_ATTEMPTS_PER_ACCOUNT; i++) {
        const result = await signUp(
          { name: "Probe", partnerName: "Probe", email, password: "yet-another-password" },
          address,
        );
        answers.push(result === "redirected" ? result : `${result.ok} ${result.message?.replace(email, "X")}`);
      }
      return answers;
    };
    // The new address is made on the first try and known after it; the known one from the start.
    const freshAnswers = await series(fresh, "192.0.2.61");
    expect(await series(known, "192.0.2.62")).toEqual(freshAnswers);
    expect(freshAnswers.at(-1)).toMatch(/^false Too many attempts; try again in \d+ minutes?\.$/);
    // And the inboxes got as many mails: all but the refused last try.
    const tries = env().AUTH_ATTEMPTS_PER_ACCOUNT;
    expect((await mailsTo(fresh, tries)).map((mail) => mail.subject).slice(1)).toEqual(
      Array(tries - 1).fill("You already have a Partner Hub account"),
    );
    expect(await mailsTo(known, tries)).toHaveLength(tries);
  });

  it("closes better-auth's own 'send me a verification email' endpoint", async () => {
    const response = await authPost(
      new Request("http://portal.test/api/auth/send-verification-email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://portal.test" },
        body: JSON.stringify({ email: "anyone@example.test" }),
      }),
    );
    expect(response.status).toBe(404);
  });
});
