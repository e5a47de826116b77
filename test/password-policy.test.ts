// Imported first: server actions run in Next.js's own request scope below.
import { inRequestScope } from "./support/request-scope";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { passwordProblem } from "@/lib/server/auth/password-policy";
import { changePasswordAction } from "@/lib/server/actions/account/change-password-action";
import { signUpAction } from "@/lib/server/actions/auth/sign-up-action";
import { signUp } from "./support/team";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("[SECURITY] the password policy", () => {
  it.each([
    ["one repeated character", "aaaaaaaaaa"],
    ["a common password", "password123"],
    ["a row of keys", "qwertyuiop"],
    ["a sequence", "1234567890"],
  ])("refuses %s", (_label, password) => {
    expect(passwordProblem(password)).toMatch(/^Too easy to guess/);
  });

  it("refuses a password made of the person's own name or company", () => {
    expect(passwordProblem("acmedevices", ["Jane Roe", "jane@acme.test", "Acme Devices"])).toMatch(/name, email/);
  });

  it("accepts a phrase of unrelated words", () => {
    expect(passwordProblem("correct-horse-battery")).toBeNull();
  });

  it("sign-up with a weak password is refused under the field, and creates no account", async () => {
    const email = `weak-${randomUUID().slice(0, 8)}@example.test`;
    const result = await inRequestScope(new Headers(), () =>
      signUpAction(null, form({ name: "Weak", partnerName: "Weak Devices", email, password: "aaaaaaaaaa" })),
    );
    expect(result).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringMatching(/repeats/)] } });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("a password change to a weak password is refused, and the old password still works", async () => {
    const user = await signUp("Change");
    const result = await inRequestScope(user.headers(), () =>
      changePasswordAction(null, form({ currentPassword: "correct-horse-battery", newPassword: "aaaaaaaaaa" })),
    );
    expect(result).toMatchObject({ ok: false, fieldErrors: { newPassword: [expect.stringMatching(/^Too easy/)] } });
  });
});
