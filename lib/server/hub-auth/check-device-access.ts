import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { HUB_SUPERUSER } from "@/lib/hub/credential-files";
import { isDeviceTopic } from "@/lib/mqtt/device-topics";
import type { EmqxHub } from "@/lib/hub/emqx-hub";
import type { DisconnectCause } from "@/lib/hub/hub";
import { getRunningHub } from "@/lib/hub/registry";
import type { HubAuthnInput, HubAuthzInput, HubEventInput } from "@/lib/schemas/hub-auth";
import { AppError } from "../errors";
import { secretMatches } from "../secrets";
import { isDeviceId } from "@/lib/devices/device-id";

// Device ids are UUIDs; anything else is not a device (and cannot smuggle
// MQTT wildcards or levels into the prefix check).

export function runningEmqxHub(): EmqxHub {
  const hub = getRunningHub();
  if (hub?.kind !== "emqx") throw new AppError("NOT_FOUND", "the hub auth endpoints are enabled by HUB_MODE=emqx");
  return hub as EmqxHub;
}

const isDevice = (input: { clientid: string; username: string }) =>
  isDeviceId(input.username) && input.clientid === input.username;

/**
 * CONNECT: the device's own id as username and client id, its current key,
 * and admitted (enabled, MQTT model). A refusal goes to the device's history
 * (the history finds its cause, as for the embedded hub).
 */
export async function authenticateDevice(input: HubAuthnInput): Promise<boolean> {
  const hub = runningEmqxHub();
  const access = isDevice(input) ? await hub.deviceAccess(input.username) : null;
  const isAllowed = access !== null && secretMatches(input.password, access.accessKeyHash);
  if (!isAllowed) {
    const verdict = isDeviceId(input.username) && input.clientid !== input.username ? "refused-client-id" : "deferred";
    hub.emit("session", {
      type: "refused",
      at: new Date(),
      username: input.username || null,
      clientId: input.clientid || null,
      address: input.peerhost ?? "",
      protocolVersion: 5,
      verdict,
    });
  }
  return isAllowed;
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

// EMQX's disconnect reasons, as the history's causes.
const DISCONNECT_CAUSES: Record<string, DisconnectCause> = {
  normal: "client",
  keepalive_timeout: "keep-alive",
  takenover: "taken-over",
  takeovered: "taken-over",
  discarded: "taken-over",
  kicked: "credentials-changed",
};

/**
 * A broker event about a device (other clients are not devices and are
 * skipped), stamped with the portal's clock: its presence, a subscription, and
 * for its history the connect's details and the disconnect's reason.
 */
export function recordDeviceEvent(input: HubEventInput): boolean {
  const hub = runningEmqxHub();
  const deviceId = input.clientid;
  if (!isDevice({ clientid: deviceId, username: deviceId })) return false;
  const at = new Date();
  if (input.event === "session.subscribed" || input.event === "session.unsubscribed") {
    if (!input.topic) throw new AppError("VALIDATION", "topic: required for a subscription event");
    const isSubscribed = input.event === "session.subscribed";
    hub.recordSubscription(deviceId, input.topic, isSubscribed);
    hub.emit(
      "session",
      isSubscribed
        ? { type: "subscribed", deviceId, at, filter: input.topic, qos: input.qos ?? 0, isGranted: true }
        : { type: "unsubscribed", deviceId, at, filter: input.topic },
    );
    return true;
  }
  hub.recordPresence({ deviceId, kind: EVENT_KIND[input.event], at });
  if (input.event === "client.connected") {
    hub.emit("session", {
      type: "connected",
      deviceId,
      at,
      address: input.peername ?? "",
      protocolVersion: input.proto_ver ?? 5,
      keepAliveSeconds: input.keepalive ?? 0,
      cleanStart: input.clean_start ?? true,
    });
  } else if (input.event === "client.disconnected") {
    hub.emit("session", {
      type: "disconnected",
      deviceId,
      at,
      cause: DISCONNECT_CAUSES[input.reason ?? ""] ?? "connection-lost",
    });
  }
  return true;
}
