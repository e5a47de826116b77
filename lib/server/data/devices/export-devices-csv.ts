import "server-only";
import { DEVICE_STATUS_LABELS } from "@/lib/devices/device-status";
import { toCsv } from "@/lib/csv";
import type { DeviceListQuery } from "@/lib/schemas/device-list";
import { findModelRules, listDevices } from "./list-devices";

const BATCH = 1_000;
const HEADER = ["id", "sn", "name", "model", "status", "last_seen_at", "firmware_version", "mac", "cloud_id", "created_at"];

/**
 * The filtered list as CSV, produced batch by batch with the list's own
 * keyset pages as the consumer reads, so 100,000 rows never sit in memory
 * together and a slow download holds back the database reads.
 */
export function exportDevicesCsv(options: { partnerId: string; query: DeviceListQuery }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const now = new Date();
  let cursor: string | undefined;
  let models: Awaited<ReturnType<typeof findModelRules>> | undefined;
  let isDone = false;
  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        models = await findModelRules(options.partnerId);
        controller.enqueue(encoder.encode(toCsv([HEADER])));
      },
      async pull(controller) {
        if (isDone) return;
        const page = await listDevices({ partnerId: options.partnerId, query: { ...options.query, cursor }, models, take: BATCH, now });
        const lines = page.rows.map((row) => [
          row.id,
          row.sn,
          row.name ?? "",
          row.model.name,
          DEVICE_STATUS_LABELS[row.status],
          row.lastSeenAt?.toISOString() ?? "",
          row.firmwareVersion,
          row.mac ?? "",
          row.cloudId ?? "",
          row.createdAt.toISOString(),
        ]);
        if (lines.length > 0) controller.enqueue(encoder.encode(toCsv(lines)));
        cursor = page.nextCursor ?? undefined;
        if (!page.nextCursor) {
          isDone = true;
          controller.close();
        }
      },
    },
    { highWaterMark: 1 },
  );
}
