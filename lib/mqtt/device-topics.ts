// Every device owns the topics under `v1/device/{its id}`; the embedded hub's
// ACL says the same as `pattern readwrite v1/device/%u/#`.

export const deviceTopicPrefix = (deviceId: string): string => `v1/device/${deviceId}`;

/** The device's prefix itself or anything under it, wildcards allowed only below it. */
export function isDeviceTopic(deviceId: string, topic: string): boolean {
  const prefix = deviceTopicPrefix(deviceId);
  return topic === prefix || topic.startsWith(`${prefix}/`);
}

/**
 * The topics of Xyte's device conversation, below the device's prefix.
 * Xyte's pages name the command topic both "command" and "commands"; the
 * portal sends each command on one of them (the one the device subscribed
 * to) and takes answers on either's "/update".
 */
export const CONVERSATION_TOPICS = {
  telemetry: "telemetry",
  commands: "commands",
  command: "command",
  commandAnswers: ["commands/update", "command/update"],
  config: "config",
  configAnswer: "config/update",
  firmware: "firmware",
  license: "license",
  licenseAnswer: "license/update",
} as const;

/** Whether an MQTT topic filter (with + and #) matches a topic. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split("/");
  const t = topic.split("/");
  for (let i = 0; i < f.length; i++) {
    if (f[i] === "#") return true;
    if (i >= t.length || (f[i] !== "+" && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}
