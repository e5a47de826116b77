import "server-only";
import { processState } from "@/lib/runtime/process-state";
import type { DeviceHub } from "@/lib/hub/hub";
import { CONVERSATION_TOPICS, deviceTopicPrefix, topicMatches } from "@/lib/mqtt/device-topics";
import type { DeviceCommandPayload } from "@/lib/schemas/device-command";
import type { DeviceConfigPayload } from "@/lib/schemas/device-config";
import type { LicenseAnswer } from "@/lib/schemas/license";

// The commands pushed to each device on its current connection: a device
// gets each command once per connection, however many of its filters match
// (it may subscribe to both command topics, or to its whole prefix).
const pushed = processState<Map<string, { seq: number; ids: Set<string> }>>(
  "command-pushes",
  () => new Map<string, { seq: number; ids: Set<string> }>(),
);

/** The command topic the device listens on: "commands" (Xyte's MQTT page and agent) if both, else "command". */
export function commandTopicFor(deviceId: string, filters: readonly string[]): string | null {
  const prefix = deviceTopicPrefix(deviceId);
  const listens = (suffix: string) => filters.some((filter) => topicMatches(filter, `${prefix}/${suffix}`));
  if (listens(CONVERSATION_TOPICS.commands)) return CONVERSATION_TOPICS.commands;
  if (listens(CONVERSATION_TOPICS.command)) return CONVERSATION_TOPICS.command;
  return null;
}

/**
 * Sends commands over MQTT to a device that listens for them, each with the
 * command id as correlation data and the answer topic as response topic.
 * A device not connected (or not subscribed) gets them when it subscribes,
 * or over HTTP. Returns how many were sent.
 */
export async function pushCommands(
  hub: DeviceHub,
  deviceId: string,
  commands: DeviceCommandPayload[],
): Promise<number> {
  const session = hub.sessionOf(deviceId);
  if (session === undefined) return 0;
  // A hub that cannot tell (null: EMQX's webhook may have told another portal
  // process) sends on "commands", the topic of Xyte's MQTT page and agent.
  const suffix = session ? commandTopicFor(deviceId, session.filters) : CONVERSATION_TOPICS.commands;
  if (!suffix) return 0;
  const seq = session?.seq ?? 0;
  let record = pushed.get(deviceId);
  if (record?.seq !== seq) {
    record = { seq, ids: new Set() };
    pushed.set(deviceId, record);
  }
  let count = 0;
  for (const command of commands) {
    if (record.ids.has(command.id)) continue;
    // Taken before the publish, so a push running beside this one skips it; given back if it fails.
    record.ids.add(command.id);
    try {
      await hub.publishToDevice(deviceId, suffix, JSON.stringify(command), {
        responseTopic: `${deviceTopicPrefix(deviceId)}/${CONVERSATION_TOPICS.commandAnswers[0]}`,
        correlationData: Buffer.from(command.id),
      });
    } catch (error) {
      record.ids.delete(command.id);
      throw error;
    }
    count += 1;
  }
  return count;
}

/** Forgets a finished command, so the record of pushes stays small. */
export function forgetPushedCommand(deviceId: string, commandId: string): void {
  pushed.get(deviceId)?.ids.delete(commandId);
}

/** Sends the desired config over MQTT to a device subscribed to its config topic; false if it is not. */
export async function pushConfig(hub: DeviceHub, deviceId: string, config: DeviceConfigPayload): Promise<boolean> {
  const prefix = deviceTopicPrefix(deviceId);
  const session = hub.sessionOf(deviceId);
  const isListening =
    session === null ||
    session?.filters.some((filter) => topicMatches(filter, `${prefix}/${CONVERSATION_TOPICS.config}`));
  if (!isListening) return false;
  await hub.publishToDevice(deviceId, CONVERSATION_TOPICS.config, JSON.stringify(config), {
    responseTopic: `${prefix}/${CONVERSATION_TOPICS.configAnswer}`,
  });
  return true;
}

/**
 * Sends the device's licences (Get Licenses' array) on its licence topic if it
 * listens there, with `…/license/update` for its answers; false if it does not.
 */
export async function pushLicenses(
  hub: DeviceHub,
  deviceId: string,
  licenses: readonly LicenseAnswer[],
): Promise<boolean> {
  const prefix = deviceTopicPrefix(deviceId);
  const session = hub.sessionOf(deviceId);
  const topic = `${prefix}/${CONVERSATION_TOPICS.license}`;
  const isListening = session === null || session?.filters.some((filter) => topicMatches(filter, topic));
  if (!isListening) return false;
  await hub.publishToDevice(deviceId, CONVERSATION_TOPICS.license, JSON.stringify(licenses), {
    responseTopic: `${prefix}/${CONVERSATION_TOPICS.licenseAnswer}`,
  });
  return true;
}

/** What `v1/device/{id}/firmware` carries (Xyte): the firmware the device should run. */
export type FirmwareAnnouncement = { latest_fw_version: string | null; latest_fw_file_id: string | null };

/** Announces the device's target firmware over MQTT if it listens on its firmware topic; false if it does not. */
export async function pushFirmware(hub: DeviceHub, deviceId: string, firmware: FirmwareAnnouncement): Promise<boolean> {
  const session = hub.sessionOf(deviceId);
  const topic = `${deviceTopicPrefix(deviceId)}/${CONVERSATION_TOPICS.firmware}`;
  const isListening = session === null || session?.filters.some((filter) => topicMatches(filter, topic));
  if (!isListening) return false;
  await hub.publishToDevice(deviceId, CONVERSATION_TOPICS.firmware, JSON.stringify(firmware));
  return true;
}
