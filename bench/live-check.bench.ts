// The live connection check, click to "verified" (all six steps), in headless
// Chromium against the production portal on loopback, 30 runs; and the same
// MQTT steps (connect, subscribe, publish QoS 1, receive) from a bare Node
// MQTT.js client over TCP as the floor. Target: click → verified,
// the click dispatched in the page, p50 <= 25 ms and p95 <= 60 ms.
import { auth } from "@/lib/server/auth/auth";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { connectDevice } from "../test/support/hub";
import { makeModel } from "../test/support/partners";
import { ms, percentile, startPortal } from "./support";
import { signedInPage } from "./browser";
import { target } from "./targets";

const RUNS = 30;
const email = `bench-${Date.now()}@example.test`;
const password = "bench-password-123";
const { user } = await auth.api.signUpEmail({ body: { name: "Bench", email, password } });
const partner = await createPartner({ name: "Bench Devices", ownerUserId: user.id });
const actor = { userId: user.id, label: email };
const modelId = await makeModel({ partnerId: partner.id, actor }, { protocol: "MQTT" });
const key = await createHardwareKey({
  partnerId: partner.id,
  actor,
  input: { modelId, label: "bench", expectedDevices: null },
});

const portal = await startPortal();
const registration = await fetch(`${portal.baseUrl}/v1/devices`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ sn: "LIVE-1", firmware_version: "1.0.0", hardware_key: key.secret }),
});
const device = (await registration.json()) as { id: string; access_key: string };

const { browser, page } = await signedInPage(portal.baseUrl, email, password);
await page.goto(`${portal.baseUrl}/devices/${device.id}`);
await page.getByLabel("Access key", { exact: true }).fill(device.access_key);

type Runs = { clickToVerified: number[]; driverRound: number[]; reported: number[]; perStep: Map<string, number[]> };

/**
 * 30 checks (after 2 warm-ups). Each is timed in the page, from the click
 * event's timestamp to the moment the verified summary is in the DOM, so the
 * driver's polling is not counted; the driver's own round is kept beside it.
 */
async function measure(click: () => Promise<void>): Promise<Runs> {
  const runs: Runs = { clickToVerified: [], driverRound: [], reported: [], perStep: new Map() };
  const verified = page.getByText(/^Credentials verified live in \d+ ms$/);
  for (let i = 0; i < RUNS + 2; i++) {
    const inPage = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let clickedAt = 0;
          // The last check's verdict stays until this one's shows (the panel
          // holds the screen still for a quick check): a new check's verdict
          // is a new node with its own data-check.
          const lastCheck = document.querySelector("[data-check]")?.getAttribute("data-check");
          document.addEventListener("click", (event) => (clickedAt = event.timeStamp), { capture: true, once: true });
          const observer = new MutationObserver(() => {
            const verdict = document.querySelector("[data-check]");
            if (
              clickedAt &&
              verdict &&
              verdict.getAttribute("data-check") !== lastCheck &&
              /Credentials verified live in \d+ ms/.test(verdict.textContent ?? "")
            ) {
              observer.disconnect();
              resolve(performance.now() - clickedAt);
            }
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        }),
    );
    const t0 = performance.now();
    await click();
    // Awaiting the page's own promise, not a locator: Playwright's locator
    // polling forces style and layout in the page on every frame.
    const inPageMs = await Promise.race([
      inPage,
      page.waitForTimeout(10_000).then(() => Promise.reject(new Error("not verified within 10 s"))),
    ]);
    const driverMs = performance.now() - t0;
    const text = (await verified.textContent({ timeout: 1_000 })) ?? "";
    if (i < 2) continue;
    for (const row of await page.locator("[data-step]").all()) {
      const step = (await row.getAttribute("data-step")) ?? "?";
      runs.perStep.set(step, [...(runs.perStep.get(step) ?? []), Number(await row.getAttribute("data-ms"))]);
    }
    runs.driverRound.push(driverMs);
    runs.clickToVerified.push(inPageMs);
    runs.reported.push(Number(/(\d+) ms/.exec(text)?.[1]));
  }
  return runs;
}

const button = page.getByRole("button", { name: "Connect", exact: true });
// The click dispatched in the page (the target's figure): Playwright's click
// action makes its own CDP round trips to the same browser while the check runs.
const inPageClick = await measure(() => button.evaluate((element: HTMLElement) => element.click()));
const playwrightClick = await measure(() => button.click());
await browser.close();

// The floors: the same MQTT steps from a bare Node MQTT.js client, straight
// to the broker over TCP, and through the portal's WebSocket relay.
async function floorRuns(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const { client } = await connectDevice(url, device.id, device.access_key);
    const topic = `v1/device/${device.id}/telemetry`;
    const echoed = new Promise((resolve) => client!.once("message", resolve));
    await client!.subscribeAsync(`v1/device/${device.id}/#`, { qos: 1 });
    await client!.publishAsync(topic, JSON.stringify({ status: "online", telemetries: {} }), { qos: 1 });
    await echoed;
    times.push(performance.now() - t0);
    await client!.endAsync();
  }
  return times;
}
const floor = await floorRuns(`mqtt://127.0.0.1:${portal.mqttPort}`);
const relayFloor = await floorRuns(`ws://127.0.0.1:${portal.port}/mqtt`);
await portal.stop();

const line = (label: string, values: number[], note: string) =>
  console.log(`  ${label.padEnd(28)} p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))} (${note})`);
const steps = (runs: Runs) =>
  [...runs.perStep].map(([step, values]) => `${step} ${percentile(values, 50).toFixed(1)}`).join(", ");
console.log(
  `\nlive connection check, ${RUNS} runs (headless Chromium, production portal, loopback); target p50 <= 25 ms, p95 <= 60 ms`,
);
line(
  "click → verified",
  inPageClick.clickToVerified,
  "click event to the summary in the DOM; click dispatched in the page",
);
line("  as the panel reports it", inPageClick.reported, steps(inPageClick));
line("click → verified", playwrightClick.clickToVerified, "same, clicked by Playwright's click action");
line("  Playwright's whole round", playwrightClick.driverRound, "its click action and evaluate round trips included");
line("Node MQTT.js over TCP", floor, "steps 2-5 only, the floor");
line("Node MQTT.js via the relay", relayFloor, "steps 1-5 through the portal's /mqtt WebSocket");
console.log(
  `  ratio click → verified / floor  ${(percentile(inPageClick.clickToVerified, 50) / percentile(floor, 50)).toFixed(1)}× at p50`,
);
// The targets are for a click dispatched in the page (Playwright's own round trips are not the portal's).
target("click -> verified p50", percentile(inPageClick.clickToVerified, 50), { atMost: 25 }, "ms");
target("click -> verified p95", percentile(inPageClick.clickToVerified, 95), { atMost: 60 }, "ms");
process.exit();
