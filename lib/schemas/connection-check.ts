import { z } from "zod";

// The random marker the live check put in its telemetry.
export const onlineCheckQuerySchema = z.object({
  deviceId: z.uuid(),
  marker: z.string().regex(/^partner-hub-check-[a-z0-9]{6,20}$/),
  /** How long to wait for the marker: 10 s, or up to 30 s for a confirmation asked ahead of its check. */
  wait: z.coerce.number().int().min(1).max(30).default(10),
});

export const diagnoseSchema = z.object({
  deviceId: z.uuid(),
  accessKey: z.string().max(200),
});

/** Why the hub refused a device, as the portal can tell (the hub only says 135). */
export type RefusalCause = "KEY_MISMATCH" | "DISABLED" | "DELETED" | "HTTP_MODEL" | "HUB_NOT_IN_SYNC";

export const REFUSAL_EXPLANATIONS: Record<RefusalCause, { title: string; next: string }> = {
  KEY_MISMATCH: {
    title: "The access key does not match this device.",
    next: "Check that the whole key was pasted, or rotate the key and use the new one.",
  },
  DISABLED: { title: "The device is disabled.", next: "Enable the device, then connect again." },
  DELETED: { title: "The device was deleted.", next: "Register the device again to get new credentials." },
  HTTP_MODEL: {
    title: "The device's model uses HTTP, so the MQTT hub does not admit it.",
    next: "Use the HTTP device API instead.",
  },
  HUB_NOT_IN_SYNC: {
    title: "The key matches, but the hub refused it.",
    next: "The hub may be restarting or out of sync; try again in a few seconds.",
  },
};

export const deviceIdSchema = z.object({ deviceId: z.uuid({ error: "Device is required" }) });
export const setDeviceEnabledSchema = deviceIdSchema.extend({
  isEnabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
