import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { HUB_SUPERUSER } from "@/lib/hub/credential-files";
import { isDeviceTopic } from "@/lib/mqtt/device-topics";
import type { EmqxHub } from "@/lib/hub/emqx-hub";
import { getRunningHub } from "@/lib/hub/registry";
import type { HubAuthnInput, HubAuthzInput, HubEventInput } from "@/lib/schemas/hub-auth";
import { AppError } from "../errors";
import { secretMatches } from "../secrets";

// Device ids are UUIDs; anything else is not a device (and cannot smuggle
// MQTT wildcards or levels into the prefix check).
const DEVICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function runningEmqxHub(): EmqxHub {
  const hub = getRunningHub();
  if (hub?.kind !== "emqx") throw new AppError("NOT_FOUND", "the hub auth endpoints are enabled by HUB_MODE=emqx");
  return hub as EmqxHub;
}

const isDevice = (input: { clientid: string; username: string }) =>
  DEVICE_ID.test(input.username) && input.clientid === input.username;

/** CONNECT: the device's own id as username and client id, its current key, and admitted (enabled, MQTT model). */
export async function authenticateDevice(input: HubAuthnInput): Promise<boolean> {
  if (!isDevice(input)) return false;
  const access = await runningEmqxHub().deviceAccess(input.username);
  return access !== null && secretMatches(input.password, access.accessKeyHash);
}

/** PUBLISH/SUBSCRIBE: only under the device's own prefix, and only while it is admitted. */
export async function authorizeDevice(input: HubAuthzInput): Promise<boolean> {
  if (!isDevice(input) || !isDeviceTopic(input.username, input.topic)) return false;
  return (await runningEmqxHub().deviceAccess(input.username)) !== null;
}

const EVENT_KIND = {
  "client.connected": "connected",
  "client.disconnected": "disconnected",
  "message.publish": "seen",
} as const;

/** The portal's own session on the cluster: its account, a per-process client id, and the shared secret as password. */
export function isPortal(input: HubAuthnInput): boolean {
  const secret = env().HUB_AUTH_SECRET;
  if (!secret || input.username !== HUB_SUPERUSER || !input.clientid.startsWith(`${HUB_SUPERUSER}-`)) return false;
  const [a, b] = [Buffer.from(input.password), Buffer.from(secret)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A broker event about a device (other clients are not devices and are skipped): its presence, stamped with the portal's clock, or a subscription. */
export function recordDeviceEvent(input: HubEventInput): boolean {
  const hub = runningEmqxHub();
  if (!isDevice({ clientid: input.clientid, username: input.clientid })) return false;
  if (input.event === "session.subscribed" || input.event === "session.unsubscribed") {
    if (!input.topic) throw new AppError("VALIDATION", "topic: required for a subscription event");
    hub.recordSubscription(input.clientid, input.topic, input.event === "session.subscribed");
    return true;
  }
  hub.recordPresence({ deviceId: input.clientid, kind: EVENT_KIND[input.event], at: new Date() });
  return true;
}
