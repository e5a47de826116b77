import { describe, expect, it } from "vitest";
import {
  describeBadProxyEntry,
  limitKeyOfAddress,
  resolveClientAddress,
  splitProxyList,
  trustedProxyList,
} from "./client-address";

const proxies = trustedProxyList(["10.0.0.0/8", "192.0.2.7", "2001:db8::/32"]);

describe("[CLIENT ADDRESS] who a request comes from", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.5", "198.51.100.1", undefined)).toBe("203.0.113.5");
    expect(resolveClientAddress("::ffff:203.0.113.5", undefined, undefined)).toBe("203.0.113.5");
    expect(resolveClientAddress(undefined, undefined, undefined)).toBe("unknown");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolveClientAddress("203.0.113.5", "198.51.100.1", proxies)).toBe("203.0.113.5");
  });

  it("takes the right-most address that is not a trusted proxy", () => {
    // The client wrote "1.1.1.1" itself; the first proxy appended the real peer 198.51.100.1.
    expect(resolveClientAddress("10.1.2.3", "1.1.1.1, 198.51.100.1, 192.0.2.7", proxies)).toBe("198.51.100.1");
    expect(resolveClientAddress("::ffff:10.1.2.3", "198.51.100.1", proxies)).toBe("198.51.100.1");
    expect(resolveClientAddress("2001:db8::1", ["2001:db8:1::5, 2a00:1450::200e", "2001:db8::9"], proxies)).toBe(
      "2a00:1450::200e",
    );
  });

  it("stops at the left-most trusted hop when the chain has nothing else or a malformed entry", () => {
    expect(resolveClientAddress("10.1.2.3", undefined, proxies)).toBe("10.1.2.3");
    expect(resolveClientAddress("10.1.2.3", "10.9.9.9, 192.0.2.7", proxies)).toBe("10.9.9.9");
    expect(resolveClientAddress("10.1.2.3", "not-an-ip, 10.9.9.9", proxies)).toBe("10.9.9.9");
    expect(resolveClientAddress("10.1.2.3", "", proxies)).toBe("10.1.2.3");
  });

  it("accepts IPv4 and IPv6 addresses and ranges, and names a bad entry", () => {
    expect(splitProxyList(" 10.0.0.0/8, ::1 ,,")).toEqual(["10.0.0.0/8", "::1"]);
    expect(splitProxyList(undefined)).toEqual([]);
    for (const good of ["10.0.0.0/8", "127.0.0.1", "0.0.0.0/0", "fd00::/8", "::1", "::/0"])
      expect(describeBadProxyEntry(good)).toBeNull();
    expect(describeBadProxyEntry("10.0.0.0/33")).toMatch(/prefix length outside 0-32/);
    expect(describeBadProxyEntry("fd00::/129")).toMatch(/prefix length outside 0-128/);
    expect(describeBadProxyEntry("10.0.0/8")).toMatch(/not an IPv4 or IPv6 address/);
    expect(describeBadProxyEntry("proxy.internal")).toMatch(/not an IPv4 or IPv6 address/);
    expect(describeBadProxyEntry("10.0.0.0/8/1")).toMatch(/not an IPv4 or IPv6 address/);
    expect(describeBadProxyEntry("10.0.0.0/x")).toMatch(/prefix length/);
  });

  it("counts an IPv6 client by its /64 network and an IPv4 one by its address", () => {
    expect(limitKeyOfAddress("203.0.113.5")).toBe("203.0.113.5");
    expect(limitKeyOfAddress("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(limitKeyOfAddress("2001:DB8:0:1:aaaa::1")).toBe("2001:db8:0:1::/64");
    expect(limitKeyOfAddress("2001:db8:0000:0001:ffff:1:2:3")).toBe("2001:db8:0:1::/64");
    expect(limitKeyOfAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(limitKeyOfAddress("::1")).toBe("0:0:0:0::/64");
    expect(limitKeyOfAddress("unknown")).toBe("unknown");
  });
});
