import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { flushAuditEvents, queueAuditEvent } from "@/lib/server/data/audit/audit-buffer";
import { db } from "@/lib/server/database/db";
import { holdWriteLock } from "./support/hold-write-lock";
import { makePartner } from "./support/partners";

it("keeps queued audit events when the database stays busy past its wait, and writes them with the next batch", async () => {
  const partner = await makePartner("Busy");
  const targetId = randomUUID();

  // The lock first: the buffer's own timer would write an event queued earlier.
  const { release, released } = await holdWriteLock(60_000); // held past the 5 s busy timeout, until released
  queueAuditEvent({
    ...partner,
    action: "device.registered",
    targetType: "device",
    targetId,
    summary: "registered while busy",
  });
  await flushAuditEvents();
  expect(await db.auditEvent.count({ where: { targetId } })).toBe(0);

  release();
  await released;
  await flushAuditEvents();
  expect(await db.auditEvent.count({ where: { targetId } })).toBe(1);
});

it("a flush waits for a write already under way (the timer's), so what was queued before it is written", async () => {
  const partner = await makePartner("Under way");
  const targetId = randomUUID();
  queueAuditEvent({ ...partner, action: "device.registered", targetType: "device", targetId, summary: "first" });
  // The timer's flush, not awaited; the next one finds nothing queued and must still wait for it.
  const underWay = flushAuditEvents();
  await flushAuditEvents();
  expect(await db.auditEvent.count({ where: { targetId } })).toBe(1);
  await underWay;
});
