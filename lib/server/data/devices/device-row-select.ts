import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The fields of a device that the list, its search and the CSV export show or sort by. */
export const DEVICE_ROW_SELECT = {
  id: true,
  sn: true,
  name: true,
  mac: true,
  cloudId: true,
  firmwareVersion: true,
  isEnabled: true,
  isConnected: true,
  lastSeenAt: true,
  createdAt: true,
  modelId: true,
} satisfies Prisma.DeviceSelect;

export type DeviceRow = Prisma.DeviceGetPayload<{ select: typeof DEVICE_ROW_SELECT }>;
