import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportDevicesCsvInThread } from "@/lib/device-export/export-in-thread";
import { exportThreadHost } from "@/lib/device-export/protocol";
import { startExportThread } from "@/lib/device-export/thread-host";
import { deviceListQuerySchema } from "@/lib/schemas/device-list";
import { db } from "@/lib/server/database/db";
import { exportDevicesCsv } from "@/lib/server/data/devices/export-devices-csv";
import { makeModel, makePartner } from "./support/partners";

// The export route's thread: a real worker thread running the same data
// functions on its own connection to the test database.
let partnerId: string;
let modelId: string;
let stop: () => Promise<void>;
const query = (fields: Record<string, string> = {}) => deviceListQuerySchema.parse(fields);

beforeAll(async () => {
  const partner = await makePartner("Exporter");
  partnerId = partner.partnerId;
  modelId = await makeModel(partner);
  const other = await makeModel(partner);
  // Never connected, so each row's status is the same whenever it is read.
  await db.device.createMany({
    data: Array.from({ length: 40 }, (_, i) => ({
      id: randomUUID(),
      partnerId,
      modelId: i % 4 === 0 ? other : modelId,
      sn: `EXP-${String(i).padStart(3, "0")}`,
      name: i % 5 === 0 ? `=cmd|' /C calc'!A${i}` : `Device ${i}`,
      firmwareVersion: i % 2 === 0 ? "1.0.0" : "2.0.0",
      accessKeyHash: randomUUID(),
      hubPasswordHash: "$7$101$x$y",
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
    })),
  });
  stop = startExportThread();
});

afterAll(async () => {
  await stop();
});

const bytesOf = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer());

describe("[FLEET] the CSV export's thread", () => {
  it("writes the same bytes as the export in the portal's own thread, for every filter and batch size", async () => {
    const filters: Array<Record<string, string>> = [
      {},
      { model: modelId },
      { firmware: "2.0.0", sort: "created_asc" },
      { q: "EXP-01" },
    ];
    for (const fields of filters) {
      for (const batchSize of [3, 2_000]) {
        const inThread = await bytesOf(exportDevicesCsvInThread({ partnerId, query: query(fields), batchSize }));
        const here = await bytesOf(exportDevicesCsv({ partnerId, query: query(fields), batchSize }));
        expect(inThread.toString("utf8")).toBe(here.toString("utf8"));
      }
    }
    const rows = (await bytesOf(exportDevicesCsvInThread({ partnerId, query: query() }))).toString().trim().split("\n");
    expect(rows).toHaveLength(41);
  });

  it("keeps serving after a download is cancelled half-way, and runs two at once", async () => {
    const reader = exportDevicesCsvInThread({ partnerId, query: query(), batchSize: 3 }).getReader();
    expect((await reader.read()).done).toBe(false);
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    const [a, b] = await Promise.all([
      bytesOf(exportDevicesCsvInThread({ partnerId, query: query({ sort: "created_asc" }), batchSize: 5 })),
      bytesOf(exportDevicesCsvInThread({ partnerId, query: query({ model: modelId }), batchSize: 4 })),
    ]);
    expect(a.toString()).toBe(
      (await bytesOf(exportDevicesCsv({ partnerId, query: query({ sort: "created_asc" }) }))).toString(),
    );
    expect(b.toString()).toBe(
      (await bytesOf(exportDevicesCsv({ partnerId, query: query({ model: modelId }) }))).toString(),
    );
  });

  it("ends a download in flight with an error when the thread stops, and exports in this thread after", async () => {
    const reader = exportDevicesCsvInThread({ partnerId, query: query(), batchSize: 3 }).getReader();
    expect((await reader.read()).done).toBe(false);
    await stop();
    await expect(reader.read()).rejects.toThrow(/The export failed: the export thread stopped/);
    expect(exportThreadHost()).toBeUndefined();
    const here = await bytesOf(exportDevicesCsvInThread({ partnerId, query: query() }));
    expect(here.toString().trim().split("\n")).toHaveLength(41);
    // Started again for afterAll, and for the check that a new thread serves.
    stop = startExportThread();
    expect((await bytesOf(exportDevicesCsvInThread({ partnerId, query: query() }))).toString()).toBe(here.toString());
  });
});
