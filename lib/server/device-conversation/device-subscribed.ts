import "server-only";
import type { DeviceHub } from "@/lib/hub/hub";
import { CONVERSATION_TOPICS, deviceTopicPrefix, topicMatches } from "@/lib/mqtt/device-topics";
import { findUnfinishedCommands } from "../data/commands/find-next-command";
import { findUnappliedConfig } from "../data/config/get-device-config";
import { announceLicenses } from "./announce-licenses";
import { pushCommands, pushConfig } from "./push-to-device";

/**
 * A device that subscribes gets what waits for it: its unfinished commands
 * and a config it has not applied. This is how a device that was offline
 * when a command was sent, or that reconnects, catches up over MQTT.
 */
export async function deviceSubscribed(hub: DeviceHub, deviceId: string, filter: string): Promise<void> {
  const prefix = deviceTopicPrefix(deviceId);
  const covers = (suffix: string) => topicMatches(filter, `${prefix}/${suffix}`);
  if (covers(CONVERSATION_TOPICS.commands) || covers(CONVERSATION_TOPICS.command)) {
    await pushCommands(hub, deviceId, await findUnfinishedCommands(deviceId));
  }
  if (covers(CONVERSATION_TOPICS.config)) {
    const config = await findUnappliedConfig(deviceId);
    if (config) await pushConfig(hub, deviceId, config);
  }
  if (covers(CONVERSATION_TOPICS.license)) await announceLicenses(deviceId);
}
