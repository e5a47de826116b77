import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { DEMO_USER } from "@/prisma/demo-user";

const run = promisify(execFile);

describe("[CONFIG] start-up and seed commands", () => {
  it("the server refuses to start with a malformed variable and names it", async () => {
    const env = { ...process.env, KEY_HASH_SECRET: "too-short", PORT: "0" };
    const error = (await run("node_modules/.bin/tsx", ["server.ts"], { env }).catch((e: unknown) => e)) as {
      code?: number;
      stderr?: string;
    };
    expect(error.code).toBe(1);
    expect(error.stderr).toContain("KEY_HASH_SECRET must be at least 32 characters");
  });

  // Two seed processes (tsx and Prisma start in each): seconds alone, much more on a loaded machine.
  it("the seed command creates the demo partner with one MQTT and one HTTP model, and can run twice", async () => {
    for (let i = 0; i < 2; i++) await run("node_modules/.bin/prisma", ["db", "seed"], { env: process.env });
    const user = await db.user.findUniqueOrThrow({
      where: { email: DEMO_USER.email },
      include: { members: { include: { organization: { include: { deviceModels: true } } } } },
    });
    expect(user.members).toHaveLength(1);
    const partner = user.members[0]!.organization;
    expect(partner.name).toBe(DEMO_USER.partnerName);
    expect(partner.deviceModels.map((m) => m.communicationProtocol).sort()).toEqual(["HTTP", "MQTT"]);
  }, 120_000);
});
