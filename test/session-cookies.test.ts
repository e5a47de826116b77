import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

/** The Set-Cookie headers of a sign-up, with the portal configured for this PUBLIC_URL. */
async function signUpCookies(publicUrl: string): Promise<string[]> {
  vi.resetModules();
  vi.stubEnv("PUBLIC_URL", publicUrl);
  const { auth } = await import("@/lib/server/auth/auth");
  const email = `cookie-${randomUUID().slice(0, 8)}@example.test`;
  const { headers } = await auth.api.signUpEmail({
    body: { name: "Cookie", email, password: "correct-horse-battery" },
    returnHeaders: true,
  });
  return headers.getSetCookie();
}

afterEach(() => vi.unstubAllEnvs());

describe("[AUTH] session cookies", () => {
  it("are Secure, __Secure- prefixed and httpOnly when the portal is served over HTTPS", async () => {
    const session = (await signUpCookies("https://partners.example.com")).find((c) =>
      c.startsWith("__Secure-better-auth.session_token="),
    );
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
  });

  it("are not marked Secure when the portal is served over plain HTTP", async () => {
    const session = (await signUpCookies("http://localhost:3000")).find((c) =>
      c.startsWith("better-auth.session_token="),
    );
    expect(session).toBeDefined();
    expect(session).not.toMatch(/; Secure/i);
  });
});
