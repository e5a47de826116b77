// A command's round trip, in headless Chromium against the production portal
// on loopback, 30 runs: from the click on "Send command" on the device's page
// to the device (an MQTT.js client subscribed to its command topic) receiving
// it; then from the device's "done" to the portal having it (stored), and to
// the page showing it. Targets: action -> device p50 <= 20 ms, p95 <= 50 ms;
// done -> visible to the portal <= 1 s.
import type { IPublishPacket } from "mqtt";
import { auth } from "@/lib/server/auth/auth";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { connectDevice } from "../test/support/hub";
import { makeModel } from "../test/support/partners";
import { ms, percentile, postJson, startPortal } from "./support";
import { signedInPage } from "./browser";
import { target } from "./targets";

const RUNS = 30;
const email = `commands-${Date.now()}@example.test`;
const password = "bench-password-123";
const { user } = await auth.api.signUpEmail({ body: { name: "Bench", email, password } });
const partner = await createPartner({ name: "Command Bench Devices", ownerUserId: user.id });
const actor = { userId: user.id, label: email };
const modelId = await makeModel({ partnerId: partner.id, actor }, { protocol: "MQTT" });
const key = await createHardwareKey({
  partnerId: partner.id,
  actor,
  input: { modelId, label: "bench", expectedDevices: null },
});

const portal = await startPortal();
const { json: device } = await postJson<{ id: string; access_key: string }>(`${portal.baseUrl}/v1/devices`, {
  sn: "CMD-1",
  firmware_version: "1.0.0",
  hardware_key: key.secret,
});
const prefix = `v1/device/${device.id}`;
const { client } = await connectDevice(`mqtt://127.0.0.1:${portal.mqttPort}`, device.id, device.access_key);
await client!.subscribeAsync(`${prefix}/commands`, { qos: 1 });
let onCommand: ((packet: IPublishPacket) => void) | null = null;
client!.on("message", (_topic, _payload, packet) => onCommand?.(packet));

const { browser, page } = await signedInPage(portal.baseUrl, email, password);
await page.goto(`${portal.baseUrl}/devices/${device.id}`);
const send = page.getByRole("form", { name: "Send a command" }).getByRole("button", { name: "Send command" });

const toDevice: number[] = [];
const doneStored: number[] = [];
const doneShown: number[] = [];
for (let i = 0; i < RUNS + 2; i++) {
  await send.waitFor();
  await page.waitForFunction(
    () => !document.querySelector<HTMLButtonElement>('form[aria-label="Send a command"] button[type=submit]')?.disabled,
  );
  const received = new Promise<{ packet: IPublishPacket; at: number }>((resolve) => {
    onCommand = (packet) => resolve({ packet, at: performance.now() });
  });
  // Timed from the click event in the page (the clock is this machine's for
  // both), so Playwright's own round trip to the browser is not counted.
  await page.evaluate(() => {
    document.addEventListener(
      "click",
      (event) => ((window as unknown as { clickedAt: number }).clickedAt = performance.timeOrigin + event.timeStamp),
      { capture: true, once: true },
    );
  });
  await send.evaluate((button: HTMLElement) => button.click());
  const { packet, at } = await received;
  const clickedAt = await page.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
  const commandId = packet.properties!.correlationData!.toString();

  // The page watches for this command's "done" itself, so the driver's polling is not counted.
  // (No named functions in here: tsx would wrap them in a helper the page does not have.)
  const shownInPage = page.evaluate(
    (id) =>
      new Promise<number>((resolve) => {
        const startedAt = performance.timeOrigin + performance.now();
        const selector = `[data-command-id="${id}"][data-status="done"]`;
        if (document.querySelector(selector)) return resolve(0);
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)) return;
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now() - startedAt);
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      }),
    commandId,
  );
  await client!.publishAsync(`${prefix}/commands/update`, JSON.stringify({ id: commandId, status: "done" }), {
    qos: 1,
  });
  const doneAt = performance.now();
  for (;;) {
    const row = await db.deviceCommand.findUnique({ where: { id: commandId }, select: { status: true } });
    if (row?.status === "done") break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const storedAt = performance.now();
  const shownMs = await shownInPage;
  if (i < 2) continue;
  toDevice.push(performance.timeOrigin + at - clickedAt);
  doneStored.push(storedAt - doneAt);
  doneShown.push(shownMs);
}
await browser.close();
client!.end(true);
await portal.stop();

const line = (label: string, values: number[]) =>
  console.log(
    `  ${label.padEnd(44)} p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  max ${ms(Math.max(...values))}`,
  );
console.log(`\nCommand round trip, ${RUNS} runs (headless Chromium, production portal, MQTT.js device):`);
line("click -> the device receives it", toDevice);
target("click -> device p50", percentile(toDevice, 50), { atMost: 20 }, "ms");
target("click -> device p95", percentile(toDevice, 95), { atMost: 50 }, "ms");
line("device's done -> stored by the portal", doneStored);
target("done -> stored, slowest", Math.max(...doneStored), { atMost: 1_000 }, "ms");
line("device's done -> shown on the page", doneShown);
target("done -> shown, slowest", Math.max(...doneShown), { atMost: 1_000 }, "ms");
process.exit();
