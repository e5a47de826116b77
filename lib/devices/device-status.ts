// A device's status, computed the same way on the server (filters, counts)
// and in the browser (live updates, and a connected device going stale while
// the page is open).

export type DeviceStatus = "online" | "offline" | "never" | "disabled";

export const DEVICE_STATUSES = ["online", "offline", "never", "disabled"] as const satisfies readonly DeviceStatus[];

export const DEVICE_STATUS_LABELS: Record<DeviceStatus, string> = {
  online: "Online",
  offline: "Offline",
  never: "Never connected",
  disabled: "Disabled",
};

export type DevicePresence = {
  isEnabled: boolean;
  isConnected: boolean;
  /** Last activity of any kind: connect, telemetry, disconnect (every presence update sets it). */
  lastSeenAt: Date | null;
};

export type StatusRule = { communicationProtocol: "MQTT" | "HTTP"; offlineThresholdMinutes: number };

/** The moment before which a model's devices count as silent. */
export const silentBefore = (rule: StatusRule, now: Date): Date =>
  new Date(now.getTime() - rule.offlineThresholdMinutes * 60_000);

/**
 * Online means recently heard from within the model's offline threshold and,
 * for MQTT, still connected: a connected device that has been silent longer
 * than the threshold is offline (stale). HTTP devices have no session, so
 * only the threshold counts. "Never" is a device the hub has never heard from.
 */
export function deviceStatus(device: DevicePresence, rule: StatusRule, now: Date): DeviceStatus {
  if (!device.isEnabled) return "disabled";
  if (!device.lastSeenAt) return "never";
  const isRecent = device.lastSeenAt.getTime() >= silentBefore(rule, now).getTime();
  const isSessionUp = rule.communicationProtocol === "HTTP" || device.isConnected;
  return isRecent && isSessionUp ? "online" : "offline";
}

/** "just now", "2 min ago", "3 h ago", "5 days ago". */
export function timeAgo(date: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} day${days === 1 ? "" : "s"} ago`;
}
