import { BlockList, isIP } from "node:net";

// Which address a request comes from. Without trusted proxies it is the
// socket's peer. Behind proxies listed in TRUSTED_PROXIES, X-Forwarded-For is
// read from the right (each proxy appends the address it received the request
// from): the first address that is not a trusted proxy is the client. Entries
// left of it were written by the client itself and are never believed.

/** Why a TRUSTED_PROXIES entry is not an address or CIDR range, or null when it is one. */
export function describeBadProxyEntry(entry: string): string | null {
  const [address = "", prefix, ...extra] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || extra.length > 0) return `"${entry}" is not an IPv4 or IPv6 address or CIDR range`;
  if (prefix === undefined) return null;
  const bits = family === 4 ? 32 : 128;
  if (!/^\d+$/.test(prefix) || Number(prefix) > bits) return `"${entry}" has a prefix length outside 0-${bits}`;
  return null;
}

/** The comma-separated TRUSTED_PROXIES list as its entries (empty when unset). */
export function splitProxyList(list: string | undefined): string[] {
  return (list ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Entries already checked by describeBadProxyEntry, as a list addresses are matched against. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** An IPv4 address the socket reports in IPv6 form ("::ffff:192.0.2.1") as plain IPv4. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted
 * proxy; then the right-most X-Forwarded-For address that is not one. When
 * every forwarded address is trusted (or one is malformed), the left-most
 * trusted hop reached is the best that is known.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trusted: BlockList | undefined,
): string {
  if (!socketAddress) return "unknown";
  let client = plainAddress(socketAddress);
  if (!trusted || !isTrusted(client, trusted) || forwardedFor === undefined) return client;
  const hops = (typeof forwardedFor === "string" ? forwardedFor : forwardedFor.join(","))
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plainAddress(hops[i]!);
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!isTrusted(hop, trusted)) return hop;
  }
  return client;
}

/**
 * The address as a rate limit counts it: an IPv4 address as it is, an IPv6
 * address as its /64 network ("2001:db8:0:1::/64"), since one subscriber
 * usually holds a whole /64 and could otherwise change address at will.
 */
export function limitKeyOfAddress(address: string): string {
  if (isIP(address) !== 6) return plainAddress(address);
  const mapped = plainAddress(address);
  if (mapped !== address) return mapped;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
