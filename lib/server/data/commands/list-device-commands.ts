import "server-only";
import { decodeCursor, keysetPage } from "../keyset-cursor";
import { findDeviceCommands } from "./find-device-commands";

/** One keyset page of a device's commands, newest first, and the next page's cursor (null on the last). */
export async function listDeviceCommands(options: {
  partnerId: string;
  deviceId: string;
  cursor?: string | undefined;
  take: number;
}) {
  const after = options.cursor
    ? decodeCursor(options.cursor, "cursor: not valid; start from the first page")
    : undefined;
  const rows = await findDeviceCommands({
    partnerId: options.partnerId,
    deviceId: options.deviceId,
    take: options.take + 1,
    ...(after ? { after } : {}),
  });
  return keysetPage(rows, options.take, (row) => row.createdAt);
}
