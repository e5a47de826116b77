// The events a webhook endpoint can subscribe to, shared by the form, the
// server and the API document.
export const WEBHOOK_EVENTS = [
  "device.registered",
  "device.deleted",
  "device.disabled",
  "device.enabled",
  "device.online",
  "device.offline",
  "device.key_rotated",
  "command.status_changed",
  "rollout.started",
  "rollout.paused",
  "rollout.completed",
  "device.update_failed",
  "incident.opened",
  "incident.closed",
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "device.registered": "Device registered",
  "device.deleted": "Device deleted",
  "device.disabled": "Device disabled",
  "device.enabled": "Device enabled",
  "device.online": "Device came online",
  "device.offline": "Device went offline (past its model's threshold)",
  "device.key_rotated": "Device access key rotated",
  "command.status_changed": "Command status changed",
  "rollout.started": "Firmware rollout started",
  "rollout.paused": "Firmware rollout paused (by a member or its stop rule)",
  "rollout.completed": "Firmware rollout completed",
  "device.update_failed": "A device's firmware update failed or timed out",
  "incident.opened": "A device opened an incident",
  "incident.closed": "An incident was closed (by its device or a member)",
};

/** The stored, comma-separated form of an endpoint's events. */
export const parseEventList = (stored: string): WebhookEvent[] =>
  stored.split(",").filter((name): name is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(name));
