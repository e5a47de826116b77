// A large, varied fleet for benchmarks and demo screenshots: `count` devices
// spread over `models` new models of one partner, registered over the last 30
// days, with a mix of statuses, firmware versions, names, MACs and Cloud IDs,
// plus 30 days of connection counts. Rows are inserted in bulk, not through
// registration: these devices share one broker hash, so none can connect.
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/server/database/db";
import { brokerPasswordHash } from "@/lib/hub/broker-password";
import { createModel } from "@/lib/server/data/models/create-model";
import type { Actor } from "@/lib/server/data/audit/record-audit-event";
import { createModelSchema } from "@/lib/schemas/model";

const FIRMWARE = ["1.0.0", "1.2.0", "1.2.1", "2.0.0", "2.1.0"];
const DAY = 86_400_000;

export async function seedFleet(options: {
  partnerId: string;
  actor: Actor;
  count: number;
  models: number;
  now?: Date;
  onProgress?: (devicesDone: number) => void;
}): Promise<{ modelIds: string[] }> {
  const now = options.now ?? new Date();
  const stamp = randomBytes(3).toString("hex");
  const modelIds: string[] = [];
  for (let m = 0; m < options.models; m++) {
    const input = createModelSchema.parse({
      name: `Fleet ${stamp} model ${String(m + 1).padStart(2, "0")}`,
      deviceType: "PHYSICAL",
      communicationProtocol: m % 5 === 4 ? "HTTP" : "MQTT",
      offlineThresholdMinutes: [5, 10, 15, 30][m % 4],
    });
    modelIds.push((await createModel({ partnerId: options.partnerId, actor: options.actor, input })).id);
  }
  const hash = brokerPasswordHash(randomBytes(32).toString("base64url"));
  const CHUNK = 5_000;
  for (let start = 0; start < options.count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, options.count - start) }, (_, offset) => {
      const i = start + offset;
      const createdAt = new Date(now.getTime() - 30 * DAY + ((i + 0.5) / options.count) * 30 * DAY);
      const seen = i % 10; // 0-2 never, 3-5 connected and recent, 6 connected but stale, 7-9 offline
      const lastSeenAt =
        seen < 3
          ? null
          : new Date(
              now.getTime() -
                (seen <= 5 ? (i % 4) * 30_000 : seen === 6 ? 2 * 3_600_000 : (i % 48) * 3_600_000 + 3_600_000),
            );
      return {
        id: randomUUID(),
        partnerId: options.partnerId,
        modelId: modelIds[i % modelIds.length]!,
        sn: `SN-${stamp}-${String(i).padStart(6, "0")}`,
        name: i % 7 === 0 ? `Unit ${i} at site ${i % 113}` : null,
        mac:
          i % 3 === 0
            ? `02:00:${[(i >> 16) & 255, (i >> 8) & 255, i & 255, 0].map((b) => b.toString(16).padStart(2, "0")).join(":")}`
            : null,
        cloudId: i % 5 === 0 ? `cloud-${stamp}-${i}` : null,
        firmwareVersion: FIRMWARE[i % FIRMWARE.length]!,
        // Shaped as the portal's HMAC of a key (lib/server/secrets.ts), whose key nobody holds.
        accessKeyHash: randomBytes(32).toString("base64url"),
        hubPasswordHash: hash,
        isEnabled: i % 50 !== 49,
        isConnected: seen >= 3 && seen <= 6,
        createdAt,
        lastSeenAt,
        connectedAt: lastSeenAt,
      };
    });
    await db.device.createMany({ data: rows });
    options.onProgress?.(start + rows.length);
  }
  for (let d = 0; d < 30; d++) {
    const day = new Date(now.getTime() - d * DAY).toISOString().slice(0, 10);
    const connections = Math.round((options.count / 30) * (0.6 + 0.4 * Math.sin(d / 3) ** 2));
    await db.partnerDailyStat.upsert({
      where: { partnerId_day: { partnerId: options.partnerId, day } },
      create: { partnerId: options.partnerId, day, connections },
      update: { connections: { increment: connections } },
    });
  }
  return { modelIds };
}
