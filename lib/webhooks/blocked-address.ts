import ipaddr from "ipaddr.js";

// Addresses a webhook may not reach unless WEBHOOK_ALLOW_PRIVATE_URLS is set:
// anything but a public unicast address. A partner's endpoint URL is input;
// without this it could make the portal probe its own machine, the networks
// behind it or cloud metadata (169.254.169.254): SSRF. The ranges are
// ipaddr.js's (IANA's special-purpose registries), not a list kept here.
// IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4, Teredo, the
// deprecated IPv4-compatible ::a.b.c.d) are refused whole: they can reach the
// same internal hosts by another spelling.

const KINDS: Record<string, string> = {
  unspecified: "an unspecified",
  loopback: "a loopback",
  private: "a private",
  uniqueLocal: "a private",
  carrierGradeNat: "a shared (carrier-grade NAT)",
  linkLocal: "a link-local",
  deprecatedSiteLocal: "a link-local",
  multicast: "a multicast",
  broadcast: "a reserved",
  reserved: "a reserved",
  rfc6052: "an IPv4-translating",
  rfc6145: "an IPv4-translating",
  "6to4": "an IPv4-translating",
  teredo: "an IPv4-translating",
};

/** ::a.b.c.d (IPv4-compatible, deprecated): the top 96 bits zero, and not :: or ::1. */
const isIpv4Compatible = (address: ipaddr.IPv6): boolean =>
  address.parts.slice(0, 6).every((part) => part === 0) && address.range() === "unicast";

/**
 * What kind of address a webhook may not reach this is ("a loopback", "a
 * private", ...), or null for a public address (and for text that is not an IP).
 */
export function blockedAddressKind(address: string): string | null {
  const text = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(text)) return null;
  // IPv4-mapped IPv6 (::ffff:10.0.0.1, ::ffff:a00:1) is classified as the IPv4 address it is.
  const parsed = ipaddr.process(text);
  if (parsed.kind() === "ipv6" && isIpv4Compatible(parsed as ipaddr.IPv6)) return "an IPv4-translating";
  const range = parsed.range();
  if (range === "unicast") return null;
  return KINDS[range] ?? "a special-purpose";
}
