import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...all]/route";
import { signUp } from "./support/team";

const url = (path: string) => `http://localhost:3000/api/auth${path}`;
const post = (path: string, body: unknown, cookie = "") =>
  POST(
    new Request(url(path), {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", cookie },
      body: JSON.stringify(body),
    }),
  );

describe("[SECURITY] better-auth's HTTP endpoints", () => {
  it("sign-up, session lists, password and account changes and organizations answer 404", async () => {
    const user = await signUp("Endpoints");
    const email = `open-${randomUUID().slice(0, 8)}@example.test`;
    expect((await post("/sign-up/email", { name: "No partner", email, password: "a-long-password-1" })).status).toBe(
      404,
    );
    const sessions = await GET(new Request(url("/list-sessions"), { headers: { cookie: user.cookie } }));
    expect(sessions.status).toBe(404);
    for (const path of ["/change-password", "/update-user", "/delete-user", "/revoke-sessions", "/organization/create"])
      expect((await post(path, {}, user.cookie)).status, path).toBe(404);
  });

  it("sign-in, the session and sign-out stay open", async () => {
    const user = await signUp("Open");
    const signedIn = await post("/sign-in/email", { email: user.email, password: "correct-horse-battery" });
    expect(signedIn.status).toBe(200);
    const session = await GET(new Request(url("/get-session"), { headers: { cookie: user.cookie } }));
    expect(session.status).toBe(200);
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(user.email);
  });
});
