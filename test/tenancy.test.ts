import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { findHardwareKeys } from "@/lib/server/data/hardware-keys/find-hardware-keys";
import { revokeHardwareKey } from "@/lib/server/data/hardware-keys/revoke-hardware-key";
import { findModels } from "@/lib/server/data/models/find-models";
import { getModelOrThrow } from "@/lib/server/data/models/get-model-or-throw";
import { updateModel } from "@/lib/server/data/models/update-model";
import { makeModel, makePartner } from "./support/partners";

describe("[TENANCY] every data function is scoped to the caller's partner", () => {
  it("a partner cannot read, change or key another partner's model", async () => {
    const alice = await makePartner("Alice");
    const bob = await makePartner("Bob");
    const aliceModel = await makeModel(alice, { name: "Alice model" });
    const aliceKey = await createHardwareKey({
      ...alice,
      input: { modelId: aliceModel, label: "A1", expectedDevices: null },
    });

    expect((await findModels(bob)).map((m) => m.id)).not.toContain(aliceModel);
    expect((await findModels(alice)).map((m) => m.id)).toEqual([aliceModel]);
    await expect(getModelOrThrow({ partnerId: bob.partnerId, modelId: aliceModel })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await findHardwareKeys({ partnerId: bob.partnerId, modelId: aliceModel })).toEqual([]);

    const edit = {
      modelId: aliceModel,
      name: "Hijacked",
      sku: null,
      deviceType: "PHYSICAL" as const,
      offlineThresholdMinutes: 1,
    };
    await expect(updateModel({ ...bob, input: edit })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      createHardwareKey({ ...bob, input: { modelId: aliceModel, label: "Injected", expectedDevices: null } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeHardwareKey({ ...bob, keyId: aliceKey.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const model = await db.deviceModel.findUniqueOrThrow({
      where: { id: aliceModel },
      include: { hardwareKeys: true },
    });
    expect(model.name).toBe("Alice model");
    expect(model.hardwareKeys).toHaveLength(1);
    expect(model.hardwareKeys[0]?.revokedAt).toBeNull();
  });

  it("the same model name may exist once per partner, not twice in one", async () => {
    const alice = await makePartner("Alice");
    const bob = await makePartner("Bob");
    await makeModel(alice, { name: "Shared name" });
    await expect(makeModel(bob, { name: "Shared name" })).resolves.toMatch(/^mdl_/);
    await expect(makeModel(alice, { name: "Shared name" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.deviceModel.count({ where: { partnerId: alice.partnerId } })).toBe(1);
  });
});
