import { describe, expect, it } from "vitest";
import { blockedAddressKind } from "./blocked-address";

describe("[WEBHOOKS] addresses a webhook may not reach", () => {
  it.each([
    ["127.0.0.1", "a loopback"],
    ["127.255.0.9", "a loopback"],
    ["::1", "a loopback"],
    ["[::1]", "a loopback"],
    ["::ffff:127.0.0.1", "a loopback"],
    ["::ffff:7f00:1", "a loopback"],
    ["10.1.2.3", "a private"],
    ["172.16.0.1", "a private"],
    ["172.31.255.255", "a private"],
    ["192.168.1.10", "a private"],
    ["::ffff:192.168.1.10", "a private"],
    ["fd12:3456::1", "a private"],
    ["fc00::1", "a private"],
    ["169.254.169.254", "a link-local"],
    ["fe80::1", "a link-local"],
    ["fe80::1%eth0", "a link-local"],
    ["0.0.0.0", "an unspecified"],
    ["::", "an unspecified"],
    ["224.0.0.1", "a multicast"],
    ["ff02::1", "a multicast"],
    ["255.255.255.255", "a reserved"],
    // Spellings and ranges a hand-written list missed.
    ["::127.0.0.1", "a loopback"],
    ["[::127.0.0.1]", "a loopback"],
    ["::ffff:0:7f00:1", "an IPv4-translating"],
    ["::7f00:1", "an IPv4-translating"],
    ["64:ff9b::7f00:1", "an IPv4-translating"],
    ["2002:7f00:1::1", "an IPv4-translating"],
    ["100.64.0.1", "a shared (carrier-grade NAT)"],
    ["192.0.2.1", "a reserved"],
    ["198.18.0.1", "a reserved"],
    ["2001:db8::1", "a reserved"],
  ])("%s is %s address", (address, kind) => {
    expect(blockedAddressKind(address)).toBe(kind);
  });

  it.each(["93.184.215.14", "172.32.0.1", "172.15.255.255", "192.169.0.1", "2606:4700::6810:84e5", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(blockedAddressKind(address)).toBeNull();
    },
  );

  it("is null for text that is not an address", () => {
    expect(blockedAddressKind("example.com")).toBeNull();
  });
});
