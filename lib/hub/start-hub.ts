import "server-only";
import { env } from "@/lib/env";
import {
  findDeviceAccess,
  findDeviceAccessChanges,
  listDeviceAccess,
} from "@/lib/server/data/devices/find-device-access";
import { findHubCredentials } from "@/lib/server/data/devices/find-hub-credentials";
import { newDeviceCredentials } from "@/lib/server/data/devices/new-access-key";
import { markDevicesDisconnected } from "@/lib/server/data/devices/mark-devices-disconnected";
import { recordDevicePresence } from "@/lib/server/data/devices/record-device-presence";
import { EmbeddedHub } from "./embedded-hub";
import { EmqxHub } from "./emqx-hub";
import { ExternalHub } from "./external-hub";
import { HubUnavailableError, type DeviceHub } from "./hub";
import { getRunningHub, setRunningHub } from "./registry";

/** Starts the hub the environment asks for and makes it the running one. */
export async function startHub(): Promise<DeviceHub> {
  const config = env();
  const emqxApi = config.EMQX_API_URL
    ? { url: config.EMQX_API_URL, key: config.EMQX_API_KEY!, secret: config.EMQX_API_SECRET! }
    : undefined;
  const hub: DeviceHub =
    config.HUB_MODE === "external"
      ? new ExternalHub(config.MQTT_PUBLIC_URL, newDeviceCredentials)
      : config.HUB_MODE === "emqx"
        ? new EmqxHub({
            publicUrl: config.MQTT_PUBLIC_URL,
            newCredentials: newDeviceCredentials,
            loadAccess: findDeviceAccess,
            listAccess: listDeviceAccess,
            readAccessChanges: findDeviceAccessChanges,
            recordPresence: recordDevicePresence,
            api: emqxApi,
          })
        : new EmbeddedHub({
            dir: config.HUB_DATA_DIR,
            mqttHost: config.MQTT_HOST,
            mqttPort: config.MQTT_PORT,
            wsPort: config.MQTT_WS_PORT,
            publicUrl: config.MQTT_PUBLIC_URL,
            mosquittoBin: config.MOSQUITTO_BIN,
            operatorPassword: config.HUB_OPERATOR_PASSWORD,
            loadCredentials: findHubCredentials,
            newCredentials: newDeviceCredentials,
            recordPresence: recordDevicePresence,
            markAllDisconnected: markDevicesDisconnected,
          });
  await hub.start();
  setRunningHub(hub);
  return hub;
}

/** The running hub, for server actions and route handlers. */
export function getHub(): DeviceHub {
  const hub = getRunningHub();
  if (!hub) throw new HubUnavailableError("it has not been started");
  return hub;
}
