import "server-only";
import type { DumpAnswer } from "@/lib/schemas/dump";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

export const DUMP_SELECT = {
  id: true,
  deviceId: true,
  fileName: true,
  mimeType: true,
  size: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type DumpRow = {
  id: string;
  deviceId: string;
  fileName: string;
  mimeType: string;
  size: number;
  createdAt: Date;
  updatedAt: Date;
};

export function dumpAnswer(row: DumpRow): DumpAnswer {
  return {
    id: row.id,
    dump_id: row.id,
    device_id: row.deviceId,
    filename: row.fileName,
    mime_type: row.mimeType,
    size: row.size,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The bytes a device's dumps hold in all (its quota). */
export async function deviceDumpBytes(deviceId: string): Promise<number> {
  const { _sum } = await db.deviceDump.aggregate({ where: { deviceId }, _sum: { size: true } });
  return _sum.size ?? 0;
}

/** The row of a dump just stored (its bytes are on disk already). */
export function createDumpRow(
  data: { id: string; partnerId: string; deviceId: string } & Omit<
    DumpRow,
    "id" | "deviceId" | "createdAt" | "updatedAt"
  >,
) {
  return db.deviceDump.create({ data, select: DUMP_SELECT });
}

/** One of the device's own dumps; any other id is "not found". */
export async function findDeviceDump(deviceId: string, dumpId: string): Promise<DumpRow> {
  const dump = await db.deviceDump.findFirst({ where: { id: dumpId, deviceId }, select: DUMP_SELECT });
  if (!dump) throw new AppError("NOT_FOUND", `dump: no dump ${dumpId} for this device`);
  return dump;
}

/** A dump grew by `added` bytes, now on disk. */
export function growDumpRow(id: string, size: number) {
  return db.deviceDump.update({ where: { id }, data: { size }, select: DUMP_SELECT });
}

/** The device page's dumps, newest first. */
export function findDeviceDumps(partnerId: string, deviceId: string): Promise<DumpRow[]> {
  return db.deviceDump.findMany({
    where: { partnerId, deviceId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: DUMP_SELECT,
  });
}

/** A partner's dump, for a member's download. */
export async function findPartnerDump(partnerId: string, dumpId: string): Promise<DumpRow> {
  const dump = await db.deviceDump.findFirst({ where: { id: dumpId, partnerId }, select: DUMP_SELECT });
  if (!dump) throw new AppError("NOT_FOUND", "Dump not found.");
  return dump;
}

/** Deletes a dump's row (audited); the caller then removes its bytes. */
export async function deleteDumpRow(options: { partnerId: string; actor: Actor; dumpId: string }): Promise<DumpRow> {
  const { partnerId, actor, dumpId } = options;
  return db.$transaction(async (tx) => {
    const dump = await tx.deviceDump.findFirst({ where: { id: dumpId, partnerId }, select: DUMP_SELECT });
    if (!dump) throw new AppError("NOT_FOUND", "Dump not found.");
    await tx.deviceDump.delete({ where: { id: dump.id } });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "dump.delete",
      targetType: "device",
      targetId: dump.deviceId,
      summary: `Deleted dump ${dump.fileName} (${dump.size} bytes)`,
    });
    return dump;
  });
}

/** Which of these stored files still have a row (the store's sweep). */
export async function findKnownDumpIds(ids: string[]): Promise<Set<string>> {
  const rows = await db.deviceDump.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}
