import "server-only";
import type { HeaderSource } from "@/lib/http/request-headers";
import { readSignedValue, signValue } from "../signed-value";
import { clientAddress } from "./api-response";

// The portal's own registration screens call the device API over HTTP from
// 127.0.0.1, so by address every partner's registrations would share one
// limit. The portal's call names the partner in this header, signed with the
// server's secret (valid one minute): only the portal can make it, and the
// per-address limit then counts that partner instead of the loopback address.
export const PORTAL_PARTNER_HEADER = "x-partner-hub-portal-partner";
const PURPOSE = "portal-partner";
const LIFETIME_SECONDS = 60;

/** The header value naming the partner a portal screen registers for. */
export function portalPartnerHeader(partnerId: string, now = Date.now()): string {
  return signValue(PURPOSE, partnerId, LIFETIME_SECONDS, now);
}

/**
 * What the per-address registration limit counts this request under:
 * "partner:<id>" for the portal's own signed calls, else the client's address.
 */
export function registrationLimitKey(request: { headers: HeaderSource }, now = Date.now()): string {
  const signed = request.headers.get(PORTAL_PARTNER_HEADER);
  const partnerId = signed ? readSignedValue(PURPOSE, signed, now) : null;
  return partnerId ? `partner:${partnerId}` : clientAddress(request);
}
