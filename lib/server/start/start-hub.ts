import "server-only";
import { env } from "@/lib/env";
import { hubTls } from "@/lib/hub/tls-config";
import { PerKeyQueue } from "@/lib/runtime/per-key-queue";
import { EmbeddedHub } from "@/lib/hub/embedded-hub";
import { EmqxHub } from "@/lib/hub/emqx-hub";
import { HubUnavailableError, type DeviceHub } from "@/lib/hub/hub";
import { getRunningHub, setRunningHub } from "@/lib/hub/registry";
import { logger } from "@/lib/runtime/logger";
import { metrics } from "@/lib/runtime/metrics";
import { findDeviceAccess, findDeviceAccessChanges, listDeviceAccess } from "../data/devices/find-device-access";
import { findHubCredentials } from "../data/devices/find-hub-credentials";
import { newDeviceCredentials } from "../data/devices/new-access-key";
import { markDevicesDisconnected } from "../data/devices/mark-devices-disconnected";
import { recordDevicePresence } from "../data/devices/record-device-presence";
import { deviceSubscribed } from "../device-conversation/device-subscribed";
import { receiveDeviceMessage } from "../device-conversation/receive-device-message";
import { recordSessionEvent } from "../device-history/record-history";

/**
 * Starts the hub the environment asks for and makes it the running one. The
 * hub is handed the data functions it needs (lib/hub never imports
 * lib/server), and what devices send is handed on to the device conversation.
 */
export async function startHub(): Promise<DeviceHub> {
  const config = env();
  const emqxApi = config.EMQX_API_URL
    ? { url: config.EMQX_API_URL, key: config.EMQX_API_KEY!, secret: config.EMQX_API_SECRET! }
    : undefined;
  const hub: DeviceHub =
    config.HUB_MODE === "emqx"
      ? new EmqxHub({
          publicUrl: config.MQTT_PUBLIC_URL,
          newCredentials: newDeviceCredentials,
          loadAccess: findDeviceAccess,
          listAccess: listDeviceAccess,
          readAccessChanges: findDeviceAccessChanges,
          recordPresence: recordDevicePresence,
          api: emqxApi,
          broker: { url: config.MQTT_BROKER_URL, password: config.HUB_AUTH_SECRET! },
        })
      : new EmbeddedHub({
          dir: config.HUB_DATA_DIR,
          mqttHost: config.MQTT_HOST,
          mqttPort: config.MQTT_PORT,
          tls: hubTls(config),
          publicUrl: config.MQTT_PUBLIC_URL,
          mosquittoBin: config.MOSQUITTO_BIN,
          operatorPassword: config.HUB_OPERATOR_PASSWORD,
          loadCredentials: findHubCredentials,
          newCredentials: newDeviceCredentials,
          recordPresence: recordDevicePresence,
          markAllDisconnected: markDevicesDisconnected,
        });
  handDeviceMessagesToConversation(hub);
  await hub.start();
  setRunningHub(hub);
  return hub;
}

/**
 * What devices send over MQTT, and each subscription, go to the device
 * conversation; what the hub sees of their sessions goes to their history.
 */
export function handDeviceMessagesToConversation(hub: DeviceHub): void {
  hub.on("session", recordSessionEvent);
  countHubEvents(hub);
  const log = (what: string) => (error: unknown) => logger("hub").error({ err: error }, `${what} failed`);
  // One device's messages are handled in the order they arrived (in_progress before done).
  const inOrder = new PerKeyQueue();
  hub.on("message", (message) => {
    void inOrder.run(message.deviceId, () => receiveDeviceMessage(hub, message)).catch(log("a device message"));
  });
  hub.on("subscribe", (deviceId, filter) => void deviceSubscribed(hub, deviceId, filter).catch(log("a push")));
}

/** Connects and credential reloads into the metrics (refusals are counted with their cause, by the history). */
function countHubEvents(hub: DeviceHub): void {
  const { deviceConnects, brokerReloads } = metrics();
  hub.on("session", (event) => event.type === "connected" && deviceConnects.inc());
  hub.on("reload", (seconds, isConfirmed) => brokerReloads.observe({ confirmed: String(isConfirmed) }, seconds));
}

/** The running hub, for server actions and route handlers. */
export function getHub(): DeviceHub {
  const hub = getRunningHub();
  if (!hub) throw new HubUnavailableError("it has not been started");
  return hub;
}
