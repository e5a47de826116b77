import "server-only";
import { lookup, type LookupAddress } from "node:dns";
import { lookup as lookupAll } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { env } from "@/lib/env";
import { blockedAddressKind } from "@/lib/webhooks/blocked-address";

// A partner's webhook URL must not make the portal reach its own machine or
// network (SSRF). Checked when the endpoint is added, for a readable field
// error, and again on every connection, on the address the socket is about
// to use: DNS may have changed since (or change between two lookups, which
// is what DNS rebinding does). WEBHOOK_ALLOW_PRIVATE_URLS turns it off.

const PUBLIC_ONLY = "webhooks go to public addresses only";

const isAllowed = () => env().WEBHOOK_ALLOW_PRIVATE_URLS;

/** Why the URL is refused before any DNS: not https, or a host that is itself a refused address. */
function refusedUrl(url: URL): string | null {
  if (url.protocol !== "https:") return "use an https:// URL (http:// needs WEBHOOK_ALLOW_PRIVATE_URLS=true)";
  const kind = blockedAddressKind(url.hostname);
  return kind ? `${url.hostname} is ${kind} address; ${PUBLIC_ONLY}` : null;
}

function refusedAddresses(host: string, addresses: readonly LookupAddress[]): string | null {
  for (const { address } of addresses) {
    const kind = blockedAddressKind(address);
    if (kind) return `${host} resolves to ${address}, ${kind} address; ${PUBLIC_ONLY}`;
  }
  return null;
}

/** For adding an endpoint: why its URL is refused (a field message), or null. */
export async function checkWebhookUrl(text: string): Promise<string | null> {
  if (isAllowed()) return null;
  const url = new URL(text);
  const refused = refusedUrl(url);
  if (refused || isIP(url.hostname.replace(/^\[|\]$/g, ""))) return refused;
  try {
    return refusedAddresses(url.hostname, await lookupAll(url.hostname, { all: true }));
  } catch (error) {
    return `${url.hostname} does not resolve (${(error as { code?: string }).code ?? "DNS error"})`;
  }
}

// net.connect's lookup, refusing when any address of the host is refused.
// Node asks for one address or for all (happy eyeballs); both are answered.
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const refused = refusedAddresses(hostname, addresses);
    if (refused) return callback(new Error(`refused: ${refused}`), "", 0);
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    if (!first) return callback(new Error(`${hostname} has no address`), "", 0);
    callback(null, first.address, first.family);
  });
};

/**
 * For each delivery: the http.request options that check the address at
 * connect time, or a thrown Error saying why the URL is refused outright.
 */
export function guardedRequestOptions(url: URL): { lookup?: LookupFunction } {
  if (isAllowed()) return {};
  const refused = refusedUrl(url);
  if (refused) throw new Error(`refused: ${refused}`);
  return { lookup: guardedLookup };
}
