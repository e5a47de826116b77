// Imported first: server actions run in Next.js's own request scope below.
import { inRequestScope } from "./support/request-scope";
import { describe, expect, it } from "vitest";
import { auth } from "@/lib/server/auth/auth";
import { changePasswordAction } from "@/lib/server/actions/account/change-password-action";
import { endOtherSessionsAction } from "@/lib/server/actions/account/end-other-sessions-action";
import { findSessions } from "@/lib/server/data/account/find-sessions";
import { getViewer } from "@/lib/server/auth/session";
import { PASSWORD_ROUNDS_BUDGET } from "./support/slowdown";
import { cookieFrom, makeTeam, signUp } from "./support/team";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** A second session of the same account, as signing in from another browser makes. */
async function signInAgain(email: string, password = "correct-horse-battery"): Promise<Headers> {
  const { headers } = await auth.api.signInEmail({ body: { email, password }, returnHeaders: true });
  return new Headers({ cookie: cookieFrom(headers) });
}

describe("[ACCOUNT] password and sessions", () => {
  it("lists the sessions and ends all but the current one", async () => {
    const user = await signUp("Sessions");
    const other = await signInAgain(user.email);
    expect(await findSessions({ userId: user.userId })).toHaveLength(2);

    const result = await inRequestScope(user.headers(), () => endOtherSessionsAction());
    expect(result).toMatchObject({ ok: true });
    expect(await findSessions({ userId: user.userId })).toHaveLength(1);
    expect(await auth.api.getSession({ headers: other })).toBeNull();
    expect(await auth.api.getSession({ headers: user.headers() })).not.toBeNull();
  });

  it("changes the password only with the current one, and ends the other sessions", async () => {
    const user = await signUp("Password");
    const other = await signInAgain(user.email);
    const wrong = await inRequestScope(user.headers(), () =>
      changePasswordAction(null, form({ currentPassword: "not-the-password", newPassword: "another-long-password" })),
    );
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["Not your current password"] } });

    const changed = await inRequestScope(user.headers(), () =>
      changePasswordAction(
        null,
        form({ currentPassword: "correct-horse-battery", newPassword: "another-long-password" }),
      ),
    );
    expect(changed).toMatchObject({ ok: true });
    expect(await auth.api.getSession({ headers: other })).toBeNull();
    await expect(signInAgain(user.email)).rejects.toThrow();
    await expect(signInAgain(user.email, "another-long-password")).resolves.toBeInstanceOf(Headers);
  });

  it("[SECURITY] a password change ends the other sessions at once, though this process had them cached", async () => {
    const { members } = await makeTeam("Cached");
    const other = await signInAgain(members.owner.email);
    expect(await inRequestScope(other, () => getViewer())).not.toBeNull();
    const changed = await inRequestScope(members.owner.headers(), () =>
      changePasswordAction(
        null,
        form({ currentPassword: "correct-horse-battery", newPassword: "another-long-password" }),
      ),
    );
    expect(changed).toMatchObject({ ok: true });
    expect(await inRequestScope(other, () => getViewer())).toBeNull();
  });

  it(
    "[SECURITY] guessing the current password is throttled like sign-in",
    { timeout: PASSWORD_ROUNDS_BUDGET },
    async () => {
      const user = await signUp("Guess");
      const guess = () =>
        inRequestScope(user.headers(), () =>
          changePasswordAction(
            null,
            form({ currentPassword: "not-the-password", newPassword: "another-long-password" }),
          ),
        );
      for (let i = 0; i < 10; i++)
        expect(await guess()).toMatchObject({ ok: false, message: "The current password is not right." });
      expect(await guess()).toMatchObject({ ok: false, message: "Too many attempts; try again in 15 minutes." });
    },
  );
});
