import { randomUUID } from "node:crypto";
import { db, prepareDatabase } from "@/lib/server/db";
import { brokerPasswordHash } from "@/lib/hub/broker-password";
import { makeModel, makePartner } from "../test/support/partners";

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** A model with `count` filler devices, inserted in bulk (they share one broker hash: only the count matters). */
export async function modelWithDevices(count: number): Promise<string> {
  await prepareDatabase();
  const partner = await makePartner("Bench");
  const modelId = await makeModel(partner);
  const hash = brokerPasswordHash("filler");
  for (let start = 0; start < count; start += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, count - start) }, (_, i) => ({
      id: randomUUID(),
      partnerId: partner.partnerId,
      modelId,
      sn: `FILL-${start + i}`,
      firmwareVersion: "1.0.0",
      accessKeyHash: randomUUID(),
      hubPasswordHash: hash,
    }));
    await db.device.createMany({ data: rows });
  }
  return modelId;
}
