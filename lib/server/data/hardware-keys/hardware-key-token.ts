import "server-only";
import { readSignedValue, signValue } from "../../signed-value";

// The portal keeps hardware keys only as hashes, so its registration screen
// cannot send a key's secret. It sends this instead: the key's id and an
// expiry, signed with the server's secret, valid for one minute. The Register
// Device API accepts it wherever it accepts a hardware_key.
const PREFIX = "phkt_";
const PURPOSE = "hardware-key-token";
const LIFETIME_SECONDS = 60;

export function mintHardwareKeyToken(keyId: string, now = Date.now()): string {
  return `${PREFIX}${signValue(PURPOSE, keyId, LIFETIME_SECONDS, now)}`;
}

/** The key id a valid, unexpired token names; null for anything else. */
export function readHardwareKeyToken(value: string, now = Date.now()): string | null {
  return value.startsWith(PREFIX) ? readSignedValue(PURPOSE, value.slice(PREFIX.length), now) : null;
}
