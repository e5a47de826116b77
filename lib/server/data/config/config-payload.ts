import "server-only";
import type { DeviceConfigPayload } from "@/lib/schemas/device-config";

/** The columns a device's desired config is read from. */
export const CONFIG_SELECT = {
  id: true,
  config: true,
  configVersion: true,
  configUpdatedAt: true,
  createdAt: true,
} as const;

/** A device's desired config as the device reads it (Get Config, the MQTT config topic). */
export function configPayload(device: {
  id: string;
  config: string | null;
  configVersion: number;
  configUpdatedAt: Date | null;
  createdAt: Date;
}): DeviceConfigPayload {
  return {
    version: device.configVersion,
    last_updated: (device.configUpdatedAt ?? device.createdAt).toISOString(),
    config: device.config ? (JSON.parse(device.config) as Record<string, unknown>) : {},
    device_id: device.id,
  };
}
