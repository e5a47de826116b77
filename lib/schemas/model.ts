import { z } from "zod";

export const COMMUNICATION_PROTOCOLS = ["MQTT", "HTTP"] as const;
export type CommunicationProtocol = (typeof COMMUNICATION_PROTOCOLS)[number];

export const DEVICE_TYPES = ["PHYSICAL", "DIGITAL", "APPLICATION"] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const DEVICE_TYPE_LABELS: Record<DeviceType, string> = {
  PHYSICAL: "Physical",
  DIGITAL: "Digital",
  APPLICATION: "Application",
};

export const PROTOCOL_LOCKED_MESSAGE =
  "The communication protocol is fixed when the model is created and cannot be changed.";

const name = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(80, "Name must be at most 80 characters");

// Empty form fields arrive as ""; they mean "no SKU".
const sku = z
  .string()
  .trim()
  .max(64, "SKU must be at most 64 characters")
  .optional()
  .transform((value) => (value ? value : null));

const deviceType = z.enum(DEVICE_TYPES, { error: "Choose a device type" });

const offlineThresholdMinutes = z.coerce
  .number({ error: "Enter a number of minutes" })
  .int("Enter whole minutes")
  .min(1, "At least 1 minute")
  .max(10_080, "At most 10080 minutes (7 days)");

export const createModelSchema = z.object({
  name,
  sku,
  deviceType,
  offlineThresholdMinutes,
  communicationProtocol: z.enum(COMMUNICATION_PROTOCOLS, { error: "Choose MQTT or HTTP" }),
});
export type CreateModelInput = z.output<typeof createModelSchema>;

/** Editable fields only: any attempt to send a protocol is refused by name. */
export const updateModelSchema = z.object({
  modelId: z.string().min(1, "Model is required"),
  name,
  sku,
  deviceType,
  offlineThresholdMinutes,
  communicationProtocol: z.never({ error: PROTOCOL_LOCKED_MESSAGE }).optional(),
});
export type UpdateModelInput = Omit<z.output<typeof updateModelSchema>, "communicationProtocol">;
