import { createHmac, timingSafeEqual } from "node:crypto";
import { E2E_BUDGET } from "./fixtures/budget";
import { expect, test } from "./fixtures/test";
import { startWebhookReceiver, type Received } from "../test/support/webhook-receiver";
import { addMember } from "./fixtures/members";
import { seedHardwareKey, seedModel, signUp } from "./fixtures/partners";

/** The README's verification snippet, as a receiver runs it. */
function isGenuine(secret: string, received: Received, toleranceSeconds = 300): boolean {
  const timestamp = received.headers["x-partner-hub-timestamp"];
  const signature = received.headers["x-partner-hub-signature"] ?? "";
  if (typeof timestamp !== "string" || typeof signature !== "string") return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = `v1=${createHmac("sha256", secret).update(`${timestamp}.${received.body}`).digest("hex")}`;
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

test("[WEBHOOKS]: an admin's endpoint gets a signed device.registered delivery, logged and replayable", async ({
  page,
  browser,
  request,
}) => {
  test.slow(); // two accounts, a mail round trip, a model, a key, a registration and two deliveries
  const receiver = await startWebhookReceiver();
  try {
    await signUp(page);
    const admin = await addMember(page, browser, "admin", "Ada Admin");

    await admin.goto("/webhooks");
    await admin.getByRole("button", { name: "Add endpoint" }).click();
    const form = admin.getByRole("dialog", { name: "Add webhook endpoint" });
    await form.getByLabel("URL").fill(receiver.url);
    await expect(form.getByRole("checkbox", { name: /device\.registered/ })).toBeChecked();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const shown = admin.getByRole("dialog", { name: "Endpoint added" });
    const secret = (await shown.getByTestId("webhook-secret").textContent()) ?? "";
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await shown.getByRole("button", { name: "Done" }).click();

    // A device registers through the device API, as firmware does.
    const hardwareKey = await seedHardwareKey(
      admin,
      await seedModel(admin, { name: "Hooked H1", protocol: "MQTT" }),
      "Line H",
    );
    const registered = await request.post("/v1/devices", {
      data: { sn: "H1-0001", firmware_version: "1.0.0", hardware_key: hardwareKey },
    });
    expect(registered.status()).toBe(201);
    const { id: deviceId } = (await registered.json()) as { id: string };

    await expect.poll(() => receiver.received.length).toBe(1);
    const first = receiver.received[0]!;
    expect(first.headers["x-partner-hub-event"]).toBe("device.registered");
    expect(isGenuine(secret, first)).toBe(true);
    expect(isGenuine("not-the-secret-at-all", first)).toBe(false);
    const event = JSON.parse(first.body) as { id: string; type: string; data: unknown };
    expect(event).toMatchObject({ type: "device.registered", data: { device: { id: deviceId, sn: "H1-0001" } } });

    await admin.goto("/webhooks");
    await admin.getByRole("link", { name: receiver.url }).click();
    const log = admin.getByRole("table", { name: "Delivery log" });
    // On the endpoint's page before reloading it (a reload during the navigation would stay on the list).
    await expect(log).toBeVisible();
    await expect(async () => {
      await admin.reload();
      await expect(log.getByRole("row", { name: /device\.registered/ })).toContainText("delivered", {
        timeout: E2E_BUDGET.scaled(1_000),
      });
    }).toPass();
    await expect(log).toContainText("HTTP 200");

    // Replay: the same event again, as a new delivery, signed afresh.
    await log.getByRole("button", { name: "Replay" }).click();
    await expect.poll(() => receiver.received.length).toBe(2);
    const replayed = receiver.received[1]!;
    expect(isGenuine(secret, replayed)).toBe(true);
    expect((JSON.parse(replayed.body) as { id: string }).id).toBe(event.id);
    expect(replayed.headers["x-partner-hub-delivery"]).not.toBe(first.headers["x-partner-hub-delivery"]);
    await expect(async () => {
      await admin.reload();
      await expect(log.getByRole("row", { name: /device\.registered/ })).toHaveCount(2, {
        timeout: E2E_BUDGET.scaled(1_000),
      });
    }).toPass();
  } finally {
    await receiver.close();
  }
});
