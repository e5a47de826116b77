import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { db } from "@/lib/server/database/db";
import { flushWebhookEvents } from "@/lib/server/data/webhooks/webhook-buffer";
import { createWebhookEndpoint } from "@/lib/server/data/webhooks/create-webhook-endpoint";
import { claimWebhookDeliveries, CLAIM_LEASE_MS } from "@/lib/server/data/webhooks/claim-webhook-deliveries";
import { replayWebhookDelivery } from "@/lib/server/data/webhooks/replay-webhook-delivery";
import { deliverDueWebhooks } from "@/lib/server/webhooks/webhook-worker";
import { enqueueWebhookEvents } from "@/lib/server/data/webhooks/enqueue-webhook-events";
import { verifyWebhook } from "@/lib/webhooks/signature";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { deleteDevice, rotateDeviceKey, setDeviceEnabled } from "@/lib/server/data/devices/change-device";
import { queueCommand } from "@/lib/server/data/commands/queue-command";
import { updateCommandStatus } from "@/lib/server/data/commands/update-command-status";
import { announcePresenceChanges } from "@/lib/server/data/webhooks/announce-presence-changes";
import type { WebhookEvent } from "@/lib/webhooks/events";
import { body, call, modelWithKey } from "./support/device-api";
import { useRunningTestHub } from "./support/running-hub";
import { startWebhookReceiver } from "./support/webhook-receiver";

// Registration answers 503 without a running hub, even for HTTP models.
const running = useRunningTestHub();

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

// Every test's endpoints go, so no delivery of one test is due in the next.
const endpoints: string[] = [];
afterEach(async () => {
  await db.webhookEndpoint.deleteMany({ where: { id: { in: endpoints.splice(0) } } });
  receiver.received.length = 0;
  receiver.state.status = 200;
});

async function subscribed(events: WebhookEvent[] = ["device.registered"], secret = "whsec_for_the_tests_0123456789") {
  const model = await modelWithKey("HTTP");
  const endpoint = await createWebhookEndpoint({ ...model, input: { url: receiver.url, events, secret } });
  endpoints.push(endpoint.id);
  return { ...model, endpointId: endpoint.id, secret };
}

/** Runs a worker until nothing is due at `now`. */
async function drain(workerId: string, now = new Date()) {
  while ((await deliverDueWebhooks(workerId, now)) > 0);
}

describe("[WEBHOOKS] deliveries", () => {
  it("a registration is delivered once, signed so the receiver can verify it", async () => {
    const partner = await subscribed();
    const { status, json } = await call("register", body(partner.hardwareKey));
    expect(status).toBe(201);
    await flushWebhookEvents();
    await drain("worker-a");

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    const payload = JSON.parse(delivery!.body) as { type: string; data: { device: { id: string } } };
    expect(payload.type).toBe("device.registered");
    expect(payload.data.device.id).toBe(json.id);
    const check = {
      body: delivery!.body,
      timestamp: delivery!.headers["x-partner-hub-timestamp"] as string,
      signature: delivery!.headers["x-partner-hub-signature"] as string,
    };
    expect(verifyWebhook({ ...check, secret: partner.secret })).toBe(true);
    expect(verifyWebhook({ ...check, secret: "whsec_someone_else_0123456789" })).toBe(false);

    const [row] = await db.webhookDelivery.findMany({ where: { endpointId: partner.endpointId } });
    expect(row).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, nextAttemptAt: null });
  });

  it("a failing receiver is retried after the back-off, and the log keeps status and response", async () => {
    const partner = await subscribed();
    await call("register", body(partner.hardwareKey));
    await flushWebhookEvents();
    receiver.state.status = 500;
    const now = new Date();
    await drain("worker-a", now);
    const failed = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: partner.endpointId } });
    expect(failed).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatusCode: 500,
      lastResponse: "receiver refused",
    });
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(now.getTime());

    // Not due again before its back-off.
    expect(await deliverDueWebhooks("worker-a", now)).toBe(0);
    receiver.state.status = 204;
    await drain("worker-a", new Date(failed.nextAttemptAt!.getTime() + 1));
    const delivered = await db.webhookDelivery.findFirstOrThrow({ where: { id: failed.id } });
    expect(delivered).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 204 });
    expect(receiver.received).toHaveLength(2);
  });

  it("an unreachable receiver gives up only after 24 hours", async () => {
    const partner = await subscribed();
    await db.webhookEndpoint.update({ where: { id: partner.endpointId }, data: { url: "http://127.0.0.1:9/none" } });
    await call("register", body(partner.hardwareKey));
    await flushWebhookEvents();
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: partner.endpointId } });
    let now = new Date();
    await drain("worker-a", now);
    let current = await db.webhookDelivery.findFirstOrThrow({ where: { id: row.id } });
    while (current.status === "pending") {
      expect(now.getTime() - row.createdAt.getTime()).toBeLessThan(25 * 3_600_000);
      now = new Date(current.nextAttemptAt!.getTime() + 1);
      await drain("worker-a", now);
      current = await db.webhookDelivery.findFirstOrThrow({ where: { id: row.id } });
    }
    expect(current.status).toBe("failed");
    expect(now.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(current.lastResponse).toMatch(/Not delivered/);
  });

  it("two workers on one database send each delivery exactly once", async () => {
    const partner = await subscribed(["device.online"]);
    await db.$transaction((tx) =>
      enqueueWebhookEvents(
        tx,
        partner.partnerId,
        Array.from({ length: 240 }, (_, i) => ({ type: "device.online" as const, data: { n: i } })),
      ),
    );
    const now = new Date();
    await Promise.all([drain("worker-a", now), drain("worker-b", now), drain("worker-a", now)]);
    const ids = receiver.received.map((r) => r.headers["x-partner-hub-delivery"]);
    expect(ids).toHaveLength(240);
    expect(new Set(ids).size).toBe(240);
    expect(await db.webhookDelivery.count({ where: { endpointId: partner.endpointId, status: "delivered" } })).toBe(
      240,
    );
  });

  it("survives a restart: rows wait in the database, and a dead worker's claim is taken over after its lease", async () => {
    const partner = await subscribed();
    await call("register", body(partner.hardwareKey));
    await flushWebhookEvents();
    const now = new Date();
    // A process claims the delivery and dies before sending it.
    expect(await claimWebhookDeliveries("died-mid-send", now, 10)).toHaveLength(1);
    expect(await deliverDueWebhooks("after-restart", now)).toBe(0);
    await drain("after-restart", new Date(now.getTime() + CLAIM_LEASE_MS + 1));
    expect(receiver.received).toHaveLength(1);
  });

  it("a replay sends the same event again as a new log entry", async () => {
    const partner = await subscribed();
    await call("register", body(partner.hardwareKey));
    await flushWebhookEvents();
    await drain("worker-a");
    const [first] = await db.webhookDelivery.findMany({ where: { endpointId: partner.endpointId } });
    await replayWebhookDelivery({ ...partner, deliveryId: first!.id });
    await drain("worker-a");
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
    const stranger = await modelWithKey("HTTP");
    await expect(replayWebhookDelivery({ ...stranger, deliveryId: first!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("[WEBHOOKS] events", () => {
  const eventsOf = async (endpointId: string) =>
    (await db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" } })).map((d) => d.event);

  it("device changes and command statuses are enqueued with the change; a refused change enqueues nothing", async () => {
    const partner = await subscribed([...WEBHOOK_EVENTS]);
    const { json } = await call("register", body(partner.hardwareKey));
    await flushWebhookEvents();
    const deviceId = json.id as string;
    const hub = running.current.hub;
    const stranger = await modelWithKey("HTTP");
    await expect(setDeviceEnabled({ ...stranger, deviceId, hub, isEnabled: false })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await setDeviceEnabled({ ...partner, deviceId, hub, isEnabled: false });
    await setDeviceEnabled({ ...partner, deviceId, hub, isEnabled: true });
    await rotateDeviceKey({ ...partner, deviceId, hub });
    const command = await queueCommand({ ...partner, deviceId, command: { name: "reboot", parameters: {} } });
    await updateCommandStatus({ deviceId, update: { id: command.id, status: "in_progress" }, via: "http" });
    await deleteDevice({ ...partner, deviceId, hub });
    expect(await eventsOf(partner.endpointId)).toEqual([
      "device.registered",
      "device.disabled",
      "device.enabled",
      "device.key_rotated",
      "command.status_changed",
      "device.deleted",
    ]);
    const status = await db.webhookDelivery.findFirstOrThrow({
      where: { endpointId: partner.endpointId, event: "command.status_changed" },
    });
    expect(JSON.parse(status.payload)).toMatchObject({
      data: { command: { id: command.id, device_id: deviceId, status: "in_progress" } },
    });
  });

  it("online and offline are announced once each, by the model's offline threshold", async () => {
    const partner = await subscribed(["device.online", "device.offline"]);
    const { json } = await call("register", body(partner.hardwareKey));
    const deviceId = json.id as string;
    const now = new Date();
    await db.device.update({ where: { id: deviceId }, data: { lastSeenAt: now } });
    await announcePresenceChanges(now);
    await announcePresenceChanges(now);
    expect(await eventsOf(partner.endpointId)).toEqual(["device.online"]);
    // The test models' threshold is 10 minutes.
    await announcePresenceChanges(new Date(now.getTime() + 9 * 60_000));
    expect(await eventsOf(partner.endpointId)).toEqual(["device.online"]);
    await announcePresenceChanges(new Date(now.getTime() + 11 * 60_000));
    await announcePresenceChanges(new Date(now.getTime() + 12 * 60_000));
    expect(await eventsOf(partner.endpointId)).toEqual(["device.online", "device.offline"]);
  });
});

describe("[WEBHOOKS] only public addresses, unless WEBHOOK_ALLOW_PRIVATE_URLS", () => {
  /** Runs `fn` as a portal started without WEBHOOK_ALLOW_PRIVATE_URLS (the tests' config sets it). */
  async function withPublicOnly<T>(fn: () => Promise<T>): Promise<T> {
    Object.assign(env(), { WEBHOOK_ALLOW_PRIVATE_URLS: false });
    try {
      return await fn();
    } finally {
      Object.assign(env(), { WEBHOOK_ALLOW_PRIVATE_URLS: true });
    }
  }

  it("refuses, with a field error, to add an endpoint on this machine or a private network", async () => {
    const model = await modelWithKey("HTTP");
    const refusals: [string, RegExp][] = [
      [receiver.url, /^use an https:\/\/ URL/],
      ["https://127.0.0.1/hooks", /^127\.0\.0\.1 is a loopback address; webhooks go to public addresses only$/],
      ["https://[::1]/hooks", /is a loopback address/],
      ["https://localhost/hooks", /^localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
      ["https://10.0.0.8/hooks", /is a private address/],
      ["https://192.168.1.20/hooks", /is a private address/],
      ["https://[fd00::1]/hooks", /is a private address/],
      ["https://169.254.169.254/latest/meta-data", /is a link-local address/],
      ["https://[fe80::1]/hooks", /is a link-local address/],
      ["https://0.0.0.0/hooks", /is an unspecified address/],
      ["https://224.0.0.1/hooks", /is a multicast address/],
      ["https://[::ffff:127.0.0.1]/hooks", /is a loopback address/],
    ];
    await withPublicOnly(async () => {
      for (const [url, message] of refusals) {
        const input = { url, events: ["device.registered" as const], secret: "whsec_for_the_tests_0123456789" };
        await expect(createWebhookEndpoint({ ...model, input }), url).rejects.toMatchObject({
          code: "VALIDATION",
          status: 422,
          fieldErrors: { url: [expect.stringMatching(message)] },
        });
      }
    });
    expect(await db.webhookEndpoint.count({ where: { partnerId: model.partnerId } })).toBe(0);
  });

  it("checks again at delivery, on the address the connection would use", async () => {
    // Added while allowed (as if DNS had then answered a public address)...
    const partner = await subscribed();
    const port = new URL(receiver.url).port;
    await withPublicOnly(async () => {
      for (const [url, refusal] of [
        // ...the name now resolves to loopback: refused at connect time, by the lookup...
        [`https://localhost:${port}/hooks`, /refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
        // ...and an address or http:// before any connection.
        [`https://127.0.0.1:${port}/hooks`, /refused: 127\.0\.0\.1 is a loopback address/],
        [receiver.url, /refused: use an https:\/\/ URL/],
      ] as const) {
        await db.webhookEndpoint.update({ where: { id: partner.endpointId }, data: { url } });
        await call("register", body(partner.hardwareKey));
        await flushWebhookEvents();
        await drain("worker-guard");
        const row = await db.webhookDelivery.findFirstOrThrow({
          where: { endpointId: partner.endpointId },
          orderBy: { createdAt: "desc" },
        });
        expect(row, url).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
        expect(row.lastResponse).toMatch(refusal);
      }
    });
    expect(receiver.received).toHaveLength(0);
  });
});
