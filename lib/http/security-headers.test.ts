import { describe, expect, it } from "vitest";
import { commonSecurityHeaders, isApiPath, newNonce, pageContentSecurityPolicy } from "./security-headers";

const page = (overrides: Partial<Parameters<typeof pageContentSecurityPolicy>[0]> = {}) =>
  pageContentSecurityPolicy({
    nonce: "abc123",
    deviceApiUrl: "http://localhost:3000",
    isHttps: false,
    isDev: false,
    ...overrides,
  });

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";

describe("[SECURITY] response headers", () => {
  it("pages run only their own nonce's scripts, never inline or eval'd ones in production", () => {
    const scripts = directive(page(), "script-src");
    expect(scripts).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directive(page({ isDev: true }), "script-src")).toContain("'unsafe-eval'");
    expect(directive(page(), "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(page(), "object-src")).toBe("object-src 'none'");
  });

  it("pages may call the device API on its own origin, and upgrade requests only over HTTPS", () => {
    const policy = page({ deviceApiUrl: "https://devices.example.com/base", isHttps: true });
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' https://devices.example.com");
    expect(policy).toContain("upgrade-insecure-requests");
    expect(page()).not.toContain("upgrade-insecure-requests");
  });

  it("HSTS only when the portal is served over HTTPS; nosniff and the rest always", () => {
    const plain = commonSecurityHeaders({ isHttps: false });
    expect(plain).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY" });
    expect(plain["Referrer-Policy"]).toBeTruthy();
    expect(plain["Permissions-Policy"]).toContain("camera=()");
    expect(plain).not.toHaveProperty("Strict-Transport-Security");
    expect(commonSecurityHeaders({ isHttps: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
  });

  it("tells the APIs from pages, and makes a new nonce each time", () => {
    expect(["/v1/devices", "/api/health"].every(isApiPath)).toBe(true);
    expect(["/", "/devices", "/v1", "/apiary"].some(isApiPath)).toBe(false);
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(newNonce()).not.toBe(newNonce());
  });
});
