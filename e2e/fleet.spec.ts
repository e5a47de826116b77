import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import mqtt from "mqtt";
import { parseCsv } from "../lib/csv";
import { seedHardwareKey, seedModel, signUp } from "./fixtures/partners";

type Credentials = { id: string; access_key: string; sn: string };

/** Registers devices through the public bulk API, 25 a request, as a factory line would. */
async function registerFleet(
  page: Page,
  hardwareKey: string,
  devices: { sn: string; firmware_version: string; name?: string }[],
): Promise<Credentials[]> {
  const registered: Credentials[] = [];
  for (let start = 0; start < devices.length; start += 25) {
    const batch = devices.slice(start, start + 25).map((device) => ({ ...device, hardware_key: hardwareKey }));
    const response = await page.request.post("/v1/devices/bulk_create", { data: batch });
    expect(response.status()).toBe(207);
    const { results } = (await response.json()) as { results: { status: number; device: Credentials }[] };
    results.forEach((result, i) => {
      expect(result.status).toBe(201);
      registered.push({ ...result.device, sn: batch[i]!.sn });
    });
  }
  return registered;
}

const rows = (page: Page) => page.getByRole("table", { name: "Devices" }).locator("tbody tr");
const row = (page: Page, id: string) => page.locator(`tr[data-device-id="${id}"]`);

test("[FLEET]: search, filter and page through a fleet; the URL holds the view; CSV export of a filter; the overview counts it", async ({
  page,
}) => {
  await signUp(page, undefined, { land: false });
  const key = await seedHardwareKey(page, await seedModel(page, { name: "Fleet F1", protocol: "MQTT" }));
  const serial = (i: number) => `F1-${String(i).padStart(3, "0")}`;
  await registerFleet(
    page,
    key,
    Array.from({ length: 60 }, (_, i) => ({
      sn: serial(i),
      firmware_version: i % 2 ? "2.0.0" : "1.0.0",
      ...(i === 7 ? { name: "Warehouse gate" } : {}),
    })),
  );

  await page.goto("/");
  await expect(page.getByTestId("stat-devices")).toHaveText("60");
  await expect(page.getByTestId("stat-registered-today")).toHaveText("60");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Devices" }).click();
  await expect(page.getByText("60 devices")).toBeVisible();
  await expect(rows(page)).toHaveCount(50);
  await expect(rows(page).first()).toContainText(serial(59));
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(rows(page)).toHaveCount(10);
  await expect(rows(page).last()).toContainText(serial(0));
  await page.goBack();
  await expect(rows(page)).toHaveCount(50);

  await page.getByLabel("Search").fill("F1-05");
  await expect(page).toHaveURL(/q=F1-05/);
  await expect(rows(page)).toHaveCount(10);
  await page.getByLabel("Firmware").selectOption("2.0.0");
  await expect(page).toHaveURL(/firmware=2.0.0/);
  await expect(page.getByText("5 matching devices")).toBeVisible();
  await expect(rows(page)).toHaveCount(5);

  // The URL restores the view, after a reload and for anyone given the link.
  await page.reload();
  await expect(page.getByLabel("Search")).toHaveValue("F1-05");
  await expect(page.getByLabel("Firmware")).toHaveValue("2.0.0");
  await expect(rows(page)).toHaveCount(5);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const [header, ...lines] = parseCsv(await readFile(await (await download).path(), "utf8"));
  expect(header?.slice(0, 2)).toEqual(["id", "sn"]);
  expect(lines.map((line) => line[1])).toEqual(["F1-059", "F1-057", "F1-055", "F1-053", "F1-051"]);
  expect(new Set(lines.map((line) => line[4]))).toEqual(new Set(["Never connected"]));

  await page.goBack();
  await expect(page).not.toHaveURL(/firmware=/);
  await expect(rows(page)).toHaveCount(10);

  // Name search, and the same list on the model's page.
  await page.getByLabel("Search").fill("warehouse");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText(serial(7));
  await page.getByRole("link", { name: "Fleet F1" }).first().click();
  await expect(page.getByRole("heading", { name: "Fleet F1", level: 1 })).toBeVisible();
  await expect(page.getByText("60 devices")).toBeVisible();
  await page.getByLabel("Status").selectOption("never");
  await expect(page).toHaveURL(/status=never/);
  await expect(page.getByText("60 matching devices")).toBeVisible();
});

test("[FLEET]: a device connecting turns online on the open list and offline after it leaves; bulk disable kicks it", async ({
  page,
}) => {
  await signUp(page, undefined, { land: false });
  const key = await seedHardwareKey(page, await seedModel(page, { name: "Fleet F2", protocol: "MQTT" }));
  const [device, other] = await registerFleet(page, key, [
    { sn: "F2-A", firmware_version: "1.0.0" },
    { sn: "F2-B", firmware_version: "1.0.0" },
  ]);
  await page.goto("/devices");
  await expect(row(page, device!.id)).toHaveAttribute("data-status", "never");

  const connect = () =>
    mqtt.connectAsync(`mqtt://127.0.0.1:${process.env.E2E_MQTT_PORT}`, {
      protocolVersion: 5,
      clientId: device!.id,
      username: device!.id,
      password: device!.access_key,
      reconnectPeriod: 0,
    });
  const client = await connect();
  await expect(row(page, device!.id)).toHaveAttribute("data-status", "online");
  await expect(row(page, other!.id)).toHaveAttribute("data-status", "never");
  await client.endAsync();
  await expect(row(page, device!.id)).toHaveAttribute("data-status", "offline");

  const again = await connect();
  await expect(row(page, device!.id)).toHaveAttribute("data-status", "online");
  const closed = new Promise<void>((resolve) => again.once("close", () => resolve()));
  await page.getByLabel("Select F2-A").check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Disable" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Disable 1 device?" });
  await dialog.getByRole("button", { name: "Disable 1 device" }).click();
  await closed;
  await expect(row(page, device!.id)).toHaveAttribute("data-status", "disabled");
  await expect(row(page, other!.id)).toHaveAttribute("data-status", "never");
  again.end(true);
});

test("[FLEET]: search never shows another partner's devices, even with the same serial numbers", async ({
  browser,
}) => {
  const alice = await browser.newPage();
  await signUp(alice, undefined, { land: false });
  await registerFleet(
    alice,
    await seedHardwareKey(alice, await seedModel(alice, { name: "Shared SN A", protocol: "HTTP" })),
    [{ sn: "SAME-001", firmware_version: "1.0.0", name: "Alice's unit" }],
  );

  const bob = await browser.newPage({ storageState: { cookies: [], origins: [] } });
  await signUp(bob, undefined, { land: false });
  await registerFleet(
    bob,
    await seedHardwareKey(bob, await seedModel(bob, { name: "Shared SN B", protocol: "HTTP" })),
    [{ sn: "SAME-001", firmware_version: "1.0.0", name: "Bob's unit" }],
  );
  await bob.goto("/devices?q=SAME-001");
  await expect(rows(bob)).toHaveCount(1);
  await expect(rows(bob)).toContainText("Bob's unit");
  await bob.goto("/devices?q=Alice");
  await expect(bob.getByText("No devices match")).toBeVisible();
  const csv = await (await bob.request.get("/api/devices/export?q=SAME")).text();
  expect(csv).toContain("Bob's unit");
  expect(csv).not.toContain("Alice");
});
