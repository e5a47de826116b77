import "server-only";
import type { CommandStatus, DeviceCommandPayload } from "@/lib/schemas/device-command";

/** The columns a command is sent to a device from. */
export const COMMAND_PAYLOAD_SELECT = { id: true, deviceId: true, name: true, parameters: true, status: true } as const;

/** A command row as the device receives it (Get Command, the MQTT command topics). */
export function commandPayload(row: {
  id: string;
  deviceId: string;
  name: string;
  parameters: string;
  status: string;
}): DeviceCommandPayload {
  return {
    id: row.id,
    device_id: row.deviceId,
    name: row.name,
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    status: row.status as CommandStatus,
  };
}
