// Every device owns the topics under `v1/device/{its id}`; the embedded hub's
// ACL says the same as `pattern readwrite v1/device/%u/#`.

export const deviceTopicPrefix = (deviceId: string): string => `v1/device/${deviceId}`;

/** The device's prefix itself or anything under it, wildcards allowed only below it. */
export function isDeviceTopic(deviceId: string, topic: string): boolean {
  const prefix = deviceTopicPrefix(deviceId);
  return topic === prefix || topic.startsWith(`${prefix}/`);
}
