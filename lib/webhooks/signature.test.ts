import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./signature";

describe("[WEBHOOKS] signature", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ type: "device.registered", data: { id: "d1" } });

  it("is HMAC-SHA256 over timestamp.body, as the README tells receivers", () => {
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signWebhook(secret, 1_700_000_000, body)).toBe(`v1=${expected}`);
  });

  it("verifies a fresh delivery and refuses a changed body, another secret or an old timestamp", () => {
    const signature = signWebhook(secret, 1_700_000_000, body);
    const base = { secret, body, timestamp: "1700000000", signature, nowSeconds: 1_700_000_010 };
    expect(verifyWebhook(base)).toBe(true);
    expect(verifyWebhook({ ...base, body: body.replace("d1", "d2") })).toBe(false);
    expect(verifyWebhook({ ...base, secret: "other" })).toBe(false);
    expect(verifyWebhook({ ...base, nowSeconds: 1_700_000_000 + 301 })).toBe(false);
    expect(verifyWebhook({ ...base, signature: null })).toBe(false);
  });
});
