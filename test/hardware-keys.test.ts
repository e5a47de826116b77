import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { findHardwareKeys } from "@/lib/server/data/hardware-keys/find-hardware-keys";
import { revokeHardwareKey } from "@/lib/server/data/hardware-keys/revoke-hardware-key";
import { hashSecret } from "@/lib/server/secrets";
import { makeModel, makePartner } from "./support/partners";

describe("[HARDWARE KEYS] secrets are stored only as keyed hashes", () => {
  it("returns the secret once and stores its HMAC and a short prefix", async () => {
    const partner = await makePartner();
    const modelId = await makeModel(partner);
    const key = await createHardwareKey({ ...partner, input: { modelId, label: "Batch 1", expectedDevices: 100 } });
    expect(key.secret).toMatch(/^phk_[A-Za-z0-9_-]{43}$/);

    const row = await db.hardwareKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.keyHash).toBe(hashSecret(key.secret));
    expect(JSON.stringify(row)).not.toContain(key.secret.slice(10));
    expect(key.secret.startsWith(row.keyPrefix)).toBe(true);

    const listed = await findHardwareKeys({ partnerId: partner.partnerId, modelId });
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(key.secret);
    expect(listed[0]).toMatchObject({
      label: "Batch 1",
      expectedDevices: 100,
      revokedAt: null,
      _count: { devices: 0 },
    });
  });

  it("revokes once; a second revoke is a readable conflict", async () => {
    const partner = await makePartner();
    const modelId = await makeModel(partner);
    const key = await createHardwareKey({ ...partner, input: { modelId, label: "Pilot", expectedDevices: null } });
    await revokeHardwareKey({ ...partner, keyId: key.id });
    const row = await db.hardwareKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.revokedAt).toBeInstanceOf(Date);
    await expect(revokeHardwareKey({ ...partner, keyId: key.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const audit = await db.auditEvent.findMany({ where: { targetId: key.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["hardware_key.create", "hardware_key.revoke"]);
  });
});
