import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { AppError, isProtocolGuardViolation } from "@/lib/server/errors";
import { updateModel } from "@/lib/server/data/models/update-model";
import { PROTOCOL_LOCKED_MESSAGE, updateModelSchema } from "@/lib/schemas/model";
import { makeModel, makePartner } from "./support/partners";

describe("[PROTOCOL] the communication protocol cannot change", () => {
  it("the database refuses a raw SQL update of the protocol", async () => {
    const partner = await makePartner();
    const modelId = await makeModel(partner, { protocol: "MQTT" });
    await expect(
      db.$executeRaw`UPDATE "DeviceModel" SET "communicationProtocol" = 'HTTP' WHERE "id" = ${modelId}`,
    ).rejects.toThrow(/PROTOCOL_IMMUTABLE/);
    const row = await db.deviceModel.findUniqueOrThrow({ where: { id: modelId } });
    expect(row.communicationProtocol).toBe("MQTT");
  });

  it("the database refuses it through Prisma too, while other columns still update", async () => {
    const partner = await makePartner();
    const modelId = await makeModel(partner, { protocol: "HTTP" });
    const error = await db.deviceModel
      .update({ where: { id: modelId }, data: { communicationProtocol: "MQTT" } })
      .catch((e: unknown) => e);
    expect(isProtocolGuardViolation(error)).toBe(true);
    await db.$executeRaw`UPDATE "DeviceModel" SET "communicationProtocol" = 'HTTP', "name" = 'same protocol' WHERE "id" = ${modelId}`;
    const row = await db.deviceModel.findUniqueOrThrow({ where: { id: modelId } });
    expect(row).toMatchObject({ name: "same protocol", communicationProtocol: "HTTP" });
  });

  it("the edit schema refuses a protocol by name, whatever its value", () => {
    const base = { modelId: "mdl_x", name: "A", sku: "", deviceType: "PHYSICAL", offlineThresholdMinutes: "5" };
    expect(updateModelSchema.safeParse(base).success).toBe(true);
    for (const value of ["HTTP", "MQTT", "", null]) {
      const result = updateModelSchema.safeParse({ ...base, communicationProtocol: value });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({
        path: ["communicationProtocol"],
        message: PROTOCOL_LOCKED_MESSAGE,
      });
    }
  });

  it("updateModel changes the editable fields and leaves the protocol alone", async () => {
    const partner = await makePartner();
    const modelId = await makeModel(partner, { protocol: "MQTT" });
    const input = {
      modelId,
      name: "Renamed",
      sku: "SKU-9",
      deviceType: "DIGITAL" as const,
      offlineThresholdMinutes: 30,
    };
    // A caller that smuggles the field past the types is ignored field by field.
    await updateModel({ ...partner, input: { ...input, communicationProtocol: "HTTP" } as typeof input });
    const row = await db.deviceModel.findUniqueOrThrow({ where: { id: modelId } });
    expect(row).toMatchObject({
      name: "Renamed",
      sku: "SKU-9",
      deviceType: "DIGITAL",
      offlineThresholdMinutes: 30,
      communicationProtocol: "MQTT",
    });
  });

  it("a duplicate name on edit is a readable conflict, not a crash", async () => {
    const partner = await makePartner();
    await makeModel(partner, { name: "Taken" });
    const modelId = await makeModel(partner, { name: "Free" });
    const input = { modelId, name: "Taken", sku: null, deviceType: "PHYSICAL" as const, offlineThresholdMinutes: 5 };
    const error = await updateModel({ ...partner, input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "CONFLICT",
      fieldErrors: { name: [expect.stringContaining("already exists")] },
    });
  });
});
