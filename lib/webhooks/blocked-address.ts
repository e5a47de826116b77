import { BlockList, isIP } from "node:net";

// Addresses a webhook may not reach unless WEBHOOK_ALLOW_PRIVATE_URLS is set:
// the portal's own machine, the networks behind it and cloud metadata
// (169.254.169.254). A partner's endpoint URL is input; without this it
// could make the portal probe its own network (SSRF).
const RANGES: { kind: string; ranges: [string, number, "ipv4" | "ipv6"][] }[] = [
  {
    kind: "an unspecified",
    ranges: [
      ["0.0.0.0", 8, "ipv4"],
      ["::", 128, "ipv6"],
    ],
  },
  {
    kind: "a loopback",
    ranges: [
      ["127.0.0.0", 8, "ipv4"],
      ["::1", 128, "ipv6"],
    ],
  },
  {
    kind: "a private",
    ranges: [
      ["10.0.0.0", 8, "ipv4"],
      ["172.16.0.0", 12, "ipv4"],
      ["192.168.0.0", 16, "ipv4"],
      ["fc00::", 7, "ipv6"],
    ],
  },
  {
    kind: "a link-local",
    ranges: [
      ["169.254.0.0", 16, "ipv4"],
      ["fe80::", 10, "ipv6"],
    ],
  },
  {
    kind: "a multicast",
    ranges: [
      ["224.0.0.0", 4, "ipv4"],
      ["ff00::", 8, "ipv6"],
    ],
  },
  // 240.0.0.0/4 is reserved and holds the broadcast address 255.255.255.255.
  { kind: "a reserved", ranges: [["240.0.0.0", 4, "ipv4"]] },
];

const LISTS = RANGES.map(({ kind, ranges }) => {
  const list = new BlockList();
  for (const [network, prefix, type] of ranges) list.addSubnet(network, prefix, type);
  return { kind, list };
});

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1, or its hex form ::ffff:a00:1), as IPv4. */
function unmapped(address: string): string {
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(address)?.[1];
  if (!mapped || isIP(address) !== 6) return address;
  if (isIP(mapped) === 4) return mapped;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(mapped);
  if (!hex) return address;
  const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/**
 * What kind of address a webhook may not reach this is ("a loopback", "a
 * private", ...), or null for a public address (and for text that is not an IP).
 */
export function blockedAddressKind(address: string): string | null {
  const plain = unmapped(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  const type = isIP(plain);
  if (type === 0) return null;
  const family = type === 4 ? "ipv4" : "ipv6";
  return LISTS.find(({ list }) => list.check(plain, family))?.kind ?? null;
}
