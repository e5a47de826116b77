import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { migrateDeploy } from "@/lib/database/migrate-deploy";
import { isPostgresUrl } from "@/lib/database/database-url";
import { createApiToken } from "@/lib/server/data/api-tokens/create-api-token";
import { createWebhookEndpoint } from "@/lib/server/data/webhooks/create-webhook-endpoint";
import { modelWithKey } from "./support/device-api";
import { freePort } from "./support/free-port";
import { onPostgresServer } from "./support/postgres-server";
import { ensureProductionBuild, startPortalProcess, type PortalProcess } from "./support/portal-process";
import { scaled } from "./support/slowdown";

// The contract of docs/deploy.md ("What a crash can lose"), under kill -9:
// writes run against the production portal from several clients at once, the
// portal is killed with SIGKILL at a random moment, started again on the same
// database, and every answer it gave before dying is checked against what
// the database holds. Per write path, what a 2xx answer promises is there,
// exactly once and whole; what was in flight at the kill may be there or not,
// but at most once. Ten kills on each database (SQLite and PostgreSQL).

const KILLS = 10;
// The moment of the kill, at random within this range after every client has
// had its first answer: on a slow machine a rotation (a broker reload) can
// take seconds, and a kill before any would leave that path unchecked.
const KILL_AFTER_MS = { min: 300, max: 1_500 };
const REGISTRATION_CLIENTS = 3;
// Several reporting devices: a message answered before its batch commits
// (the buffer holds it up to 25 ms) would be lost at most kills.
const TELEMETRY_CLIENTS = 4;

type Answer = { status: number; json: Record<string, unknown> };
/** One request's fate: its answer, or the network error it ended with, and when. */
type Outcome = { answer?: Answer; error?: string; endedAt: number };

let portal: PortalProcess;
let hubDir: string;
let fleet: Awaited<ReturnType<typeof makeFleet>>;
let cycle = 0;
const databaseUrl = process.env.DATABASE_URL!;
// What the kills interrupted, answered and found again: printed once, for the record.
const totals = { kills: 0, registrations: 0, rotations: 0, commands: 0, configs: 0, telemetry: 0 };

function portalEnv(): Record<string, string> {
  return {
    HUB_DATA_DIR: hubDir,
    MQTT_HOST: "127.0.0.1",
    // The ports stay the same across restarts, as a real deployment's do.
    MQTT_PORT: process.env.CRASH_MQTT_PORT!,
    MQTT_TLS_PORT: process.env.CRASH_MQTT_TLS_PORT!,
    // The load registers far more devices a minute than the tests' own limits allow.
    REGISTRATION_RATE_PER_IP: "1000000",
    REGISTRATION_RATE_PER_KEY: "1000000",
  };
}

async function request(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  const response = await fetch(new URL(path, portal.url), {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A partner with an HTTP model and its key, an admin API token, and a webhook endpoint for device changes. */
async function makeFleet() {
  const model = await modelWithKey("HTTP");
  const token = await createApiToken({
    ...model,
    actorRole: "owner",
    input: { name: "crash test", role: "admin", expiresInDays: null },
  });
  // Nothing listens there: the deliveries stay pending, which is what is checked.
  const receiver = `http://127.0.0.1:${await freePort()}/hook`;
  await createWebhookEndpoint({ ...model, input: { url: receiver, events: ["device.key_rotated"], secret: null } });
  return { ...model, bearer: { authorization: `Bearer ${token.secret}` } };
}

async function register(sn: string): Promise<Answer> {
  return request("POST", "/v1/devices", {}, { sn, firmware_version: "1.0.0", hardware_key: fleet.hardwareKey });
}

/** A device registered before the load: its id and key are known. */
async function registeredDevice(label: string): Promise<{ id: string; key: string }> {
  const answer = await register(`CR-${label}-${randomUUID().slice(0, 8)}`);
  expect(answer.status).toBe(201);
  return { id: answer.json.id as string, key: answer.json.access_key as string };
}

/** The load of one kill: when it is over, and who hears of each answer. */
type LoadRun = { isOver: () => boolean; onAnswer: (outcomes: Outcome[]) => void };

/** Runs `step` over and over until the run is over, recording each outcome. */
async function loop(run: LoadRun, step: (i: number) => Promise<Answer>, outcomes: Outcome[]): Promise<void> {
  for (let i = 0; !run.isOver(); i++) {
    try {
      outcomes.push({ answer: await step(i), endedAt: performance.now() });
      run.onAnswer(outcomes);
    } catch (error) {
      outcomes.push({ error: String((error as Error).cause ?? error), endedAt: performance.now() });
      return; // the portal is gone
    }
  }
}

const answered = (outcomes: Outcome[]) => outcomes.flatMap((o) => (o.answer ? [o.answer] : []));
/** How many requests ended without an answer: at most one per client, the one in flight at the kill. */
const unanswered = (outcomes: Outcome[]) => outcomes.filter((o) => !o.answer).length;

async function keyWorks(deviceId: string, key: string): Promise<boolean> {
  const answer = await request("GET", `/v1/devices/${deviceId}/config`, { authorization: key });
  if (answer.status !== 200 && answer.status !== 401) throw new Error(`config read answered ${answer.status}`);
  return answer.status === 200;
}

describe("[CRASH] kill -9 under load loses nothing a caller was told was done", () => {
  beforeAll(async () => {
    await ensureProductionBuild();
    // This file's own database (vitest.config.ts): the portal's start-up work stays on it.
    if (isPostgresUrl(databaseUrl))
      await onPostgresServer(`CREATE DATABASE "${new URL(databaseUrl).pathname.slice(1)}"`);
    await migrateDeploy(process.env);
    hubDir = `.tmp/hub-crash-${randomUUID().slice(0, 8)}`;
    process.env.CRASH_MQTT_PORT = String(await freePort());
    process.env.CRASH_MQTT_TLS_PORT = String(await freePort());
    fleet = await makeFleet();
    portal = await startPortalProcess(portalEnv());
  }, scaled(600_000));

  afterAll(async () => {
    console.log(`[CRASH] ${databaseUrl.split(":")[0]}: answered and found after the kills`, totals);
    if (portal) {
      portal.child.kill("SIGTERM");
      await portal.exited;
    }
    await db.$disconnect();
    if (isPostgresUrl(databaseUrl))
      await onPostgresServer(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    else for (const suffix of ["", "-wal", "-shm"]) rmSync(databaseUrl.slice("file:".length) + suffix, { force: true });
  });

  it.each(Array.from({ length: KILLS }, (_, i) => i + 1))(
    "kill %i: registrations, rotations, commands, configs and telemetry",
    async () => {
      cycle++;
      const rotated = await registeredDevice(`rot${cycle}`);
      const commanded = await registeredDevice(`cmd${cycle}`);
      const configured = await registeredDevice(`cfg${cycle}`);
      const reporting = await Promise.all(
        Array.from({ length: TELEMETRY_CLIENTS }, (_, i) => registeredDevice(`tel${cycle}-${i}`)),
      );
      const snPrefix = `CR-load${cycle}-${randomUUID().slice(0, 6)}`;

      const outcomes = {
        registrations: [] as Outcome[][],
        rotations: [] as Outcome[],
        commands: [] as Outcome[],
        configs: [] as Outcome[],
        telemetry: [] as Outcome[][],
      };
      let killedAt = Infinity;
      const clients = REGISTRATION_CLIENTS + 3 + TELEMETRY_CLIENTS;
      const answeredClients = new Set<Outcome[]>();
      let everyClientAnswered = () => {};
      const allAnswered = new Promise<void>((resolve) => (everyClientAnswered = resolve));
      const run: LoadRun = {
        isOver: () => killedAt !== Infinity,
        onAnswer: (outcomes) => {
          answeredClients.add(outcomes);
          if (answeredClients.size === clients) everyClientAnswered();
        },
      };
      const loops = [
        ...Array.from({ length: REGISTRATION_CLIENTS }, (_, client) => {
          const mine: Outcome[] = [];
          outcomes.registrations.push(mine);
          return loop(run, (i) => register(`${snPrefix}-${client}-${i}`), mine);
        }),
        loop(run, () => request("POST", `/api/v1/devices/${rotated.id}/rotate-key`, fleet.bearer), outcomes.rotations),
        loop(
          run,
          (i) => request("POST", `/api/v1/devices/${commanded.id}/commands`, fleet.bearer, { name: `crash-${i}` }),
          outcomes.commands,
        ),
        loop(
          run,
          (i) => request("PUT", `/api/v1/devices/${configured.id}/config`, fleet.bearer, { config: { step: i } }),
          outcomes.configs,
        ),
        ...reporting.map((device) => {
          const mine: Outcome[] = [];
          outcomes.telemetry.push(mine);
          return loop(
            run,
            (i) =>
              request(
                "POST",
                `/v1/devices/${device.id}/telemetry`,
                { authorization: device.key },
                { status: "online", telemetries: { seq: i } },
              ),
            mine,
          );
        }),
      ];
      const delay = KILL_AFTER_MS.min + Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min);
      // (All loops ending without an answer is a failure the checks below report.)
      await Promise.race([allAnswered, Promise.all(loops)]);
      await new Promise((resolve) => setTimeout(resolve, delay));
      portal.child.kill("SIGKILL");
      killedAt = performance.now();
      await Promise.all(loops);
      await portal.exited;
      portal = await startPortalProcess(portalEnv());

      const all = [...outcomes.registrations.flat(), ...outcomes.rotations, ...outcomes.commands, ...outcomes.configs];
      const context = `kill ${cycle} after ${Math.round(delay)} ms`;
      // Before the kill every request was answered, and with success: a
      // connection error (the ECONNRESET once seen in a soak) or a 5xx there
      // would be the portal's fault, not the kill's.
      expect(
        all.filter((o) => o.error && o.endedAt < killedAt),
        context,
      ).toEqual([]);
      expect(
        answered([...all, ...outcomes.telemetry.flat()]).filter((a) => a.status >= 300),
        context,
      ).toEqual([]);

      // Registrations: every 201 is a device, once, whose key works. One in
      // flight per client may have committed without its answer.
      const registered = answered(outcomes.registrations.flat());
      const devices = await db.device.findMany({ where: { modelId: fleet.modelId, sn: { startsWith: snPrefix } } });
      const byId = new Map(devices.map((d) => [d.id, d]));
      for (const answer of registered) expect(byId.get(answer.json.id as string)?.sn, context).toBeDefined();
      expect(devices.length, context).toBeGreaterThanOrEqual(registered.length);
      expect(devices.length, context).toBeLessThanOrEqual(
        registered.length + outcomes.registrations.map(unanswered).reduce((a, b) => a + b, 0),
      );
      for (const answer of registered.slice(-3))
        expect(await keyWorks(answer.json.id as string, answer.json.access_key as string), context).toBe(true);

      // Rotations: the last key answered works, unless a rotation after it was
      // in flight; each answered rotation has its audit event and webhook delivery.
      const rotations = answered(outcomes.rotations);
      const lastKey = (rotations.at(-1)?.json.access_key as string | undefined) ?? rotated.key;
      if (unanswered(outcomes.rotations) === 0) expect(await keyWorks(rotated.id, lastKey), context).toBe(true);
      const rotationAudits = await db.auditEvent.count({
        where: { targetId: rotated.id, action: "device.rotate_key" },
      });
      const rotationDeliveries = await db.webhookDelivery.count({
        where: {
          endpoint: { partnerId: fleet.partnerId },
          event: "device.key_rotated",
          payload: { contains: rotated.id },
        },
      });
      for (const count of [rotationAudits, rotationDeliveries]) {
        expect(count, context).toBeGreaterThanOrEqual(rotations.length);
        expect(count, context).toBeLessThanOrEqual(rotations.length + unanswered(outcomes.rotations));
      }

      // Commands: each answered one is there with its first status and its audit event.
      const commands = answered(outcomes.commands);
      const stored = await db.deviceCommand.findMany({
        where: { deviceId: commanded.id },
        include: { updates: true },
      });
      const storedIds = new Set(stored.map((c) => c.id));
      for (const answer of commands) expect(storedIds.has(answer.json.id as string), context).toBe(true);
      for (const command of stored) expect(command.updates.length, `${context}: ${command.id}`).toBeGreaterThan(0);
      expect(stored.length, context).toBeLessThanOrEqual(commands.length + unanswered(outcomes.commands));
      const commandAudits = await db.auditEvent.count({ where: { targetId: commanded.id, action: "device.command" } });
      expect(commandAudits, context).toBe(stored.length);

      // Configs: every answered version is stored; at most one more.
      const configs = answered(outcomes.configs);
      const versions = (await db.deviceConfig.findMany({ where: { deviceId: configured.id } })).map((c) => c.version);
      for (const answer of configs) expect(versions, context).toContain(answer.json.version);
      const configAudits = await db.auditEvent.count({ where: { targetId: configured.id, action: "device.config" } });
      expect(configAudits, context).toBeGreaterThanOrEqual(configs.length);
      expect(configAudits, context).toBeLessThanOrEqual(configs.length + unanswered(outcomes.configs));

      // HTTP telemetry is answered after its batch commits: each answered message is stored.
      let reports = 0;
      for (const [i, device] of reporting.entries()) {
        const sent = answered(outcomes.telemetry[i]!).length;
        reports += sent;
        const messages = await db.telemetryMessage.findMany({
          where: { deviceId: device.id },
          select: { values: true },
        });
        const seqs = new Set(messages.map((m) => (JSON.parse(m.values) as { seq: number }).seq));
        for (let seq = 0; seq < sent; seq++) expect(seqs.has(seq), `${context}: telemetry ${i}/${seq}`).toBe(true);
        expect(messages.length, context).toBeLessThanOrEqual(sent + unanswered(outcomes.telemetry[i]!));
      }

      totals.kills++;
      totals.registrations += registered.length;
      totals.rotations += rotations.length;
      totals.commands += commands.length;
      totals.configs += configs.length;
      totals.telemetry += reports;
      // Every path had answered writes to check, or the kill proved nothing for it.
      expect(
        Math.min(registered.length, rotations.length, commands.length, configs.length, reports),
        context,
      ).toBeGreaterThan(0);
    },
    scaled(120_000),
  );
});
