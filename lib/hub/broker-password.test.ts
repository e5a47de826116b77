import { describe, expect, it } from "vitest";
import { brokerPasswordHash, brokerPasswordMatches } from "./broker-password";

describe("[HUB] broker password hashes", () => {
  it("are salted Mosquitto $7$ PBKDF2-SHA512 hashes that verify only their secret", () => {
    const a = brokerPasswordHash("key-1");
    expect(a).toMatch(/^\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/);
    expect(brokerPasswordHash("key-1")).not.toBe(a);
    expect(brokerPasswordMatches("key-1", a)).toBe(true);
    expect(brokerPasswordMatches("key-2", a)).toBe(false);
    expect(brokerPasswordMatches("key-1", "plain")).toBe(false);
  });
});
