import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures/test";
import { accept, invite } from "./fixtures/members";
import { seedDevice, seedHardwareKey, seedModel, signUp } from "./fixtures/partners";

test("[TEAMS]: an owner invites a developer by email, who registers a device but cannot open the members page", async ({
  page,
  browser,
}) => {
  test.slow(); // two accounts, a model, a key, a device and a mail round trip
  const owner = await signUp(page);
  await seedHardwareKey(page, await seedModel(page, { name: "Sensor S1", protocol: "MQTT" }), "Line A");
  const email = `dev-${randomUUID().slice(0, 8)}@example.test`;
  const link = await invite(page, email, "developer");

  const developer = await accept(browser, link, "Dana Developer");
  await expect(developer.getByText(`${email} · developer`)).toBeVisible();
  await expect(developer.getByRole("link", { name: "Members" })).toHaveCount(0);
  await developer.getByRole("link", { name: "Models" }).click();
  await developer.getByRole("link", { name: "Sensor S1" }).click();
  await developer.getByRole("link", { name: "Register device" }).click();
  await developer.getByLabel("Serial number").fill("S1-0001");
  await developer.getByLabel("Firmware version").fill("1.0.0");
  await developer.getByRole("button", { name: "Register device" }).click();
  await expect(developer.getByRole("region", { name: "Device registered" })).toBeVisible();

  await developer.goto("/members");
  await expect(developer.getByRole("heading", { name: "Members are managed by admins and owners" })).toBeVisible();
  await expect(developer.getByRole("table", { name: "Members" })).toHaveCount(0);

  // The link worked once.
  await developer.goto(link);
  await expect(developer.getByRole("heading", { name: "This invitation link is no longer valid" })).toBeVisible();

  // The owner sees the developer in the list, and the audit names them.
  await page.reload();
  const row = page.getByRole("table", { name: "Members" }).getByRole("row", { name: /Dana Developer/ });
  await expect(row).toContainText(email);
  await expect(row.getByLabel("Role of Dana Developer")).toHaveValue("developer");
  await expect(page.getByRole("row", { name: new RegExp(owner.name) })).toContainText("owner");
});

test("[TEAMS]: a viewer sees the device but no command, rotate, disable or delete control", async ({
  page,
  browser,
}) => {
  test.slow(); // two accounts, a model, a key, a device and a mail round trip
  await signUp(page);
  const { id: deviceId } = await seedDevice(page, { name: "Gateway G1", protocol: "MQTT" }, "G1-0001");

  const email = `viewer-${randomUUID().slice(0, 8)}@example.test`;
  const viewer = await accept(browser, await invite(page, email, "viewer"), "Vic Viewer");
  await viewer.goto(`/devices/${deviceId}`);
  await expect(viewer.getByRole("heading", { name: "G1-0001", level: 1 })).toBeVisible();
  await expect(viewer.getByTestId("device-id")).toHaveText(deviceId);
  for (const name of ["Rotate access key", "Disable", "Delete", "Send command", "Send a test command"]) {
    await expect(viewer.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(viewer.getByRole("form", { name: "Send a command" })).toHaveCount(0);

  // The owner, on the same page, has them.
  await page.goto(`/devices/${deviceId}`);
  await expect(page.getByRole("button", { name: "Rotate access key" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete", exact: true })).toBeVisible();
  await expect(page.getByRole("form", { name: "Send a command" })).toBeVisible();
});
