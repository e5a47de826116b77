import { expect, test } from "./fixtures/test";
import { addModel, openModel, seedModel, signUp } from "./fixtures/partners";

test("[MODELS]: an MQTT model added in the dialog appears with a locked protocol", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  const modelId = await addModel(page, { name: "Thermostat T1", protocol: "MQTT", sku: "T1-EU" });
  expect(modelId).toMatch(/^mdl_/);
  await expect(page.getByText(/^MQTT \(locked\)$/)).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);

  await page.goto("/models");
  const row = page.getByRole("table", { name: "Models" }).getByRole("row", { name: /Thermostat T1/ });
  await expect(row).toContainText(modelId);
  await expect(row).toContainText("MQTT");
  await expect(row).toContainText("Physical");
});

test("[MODELS]: the Add Model dialog shows field errors and keeps what was typed", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  await seedModel(page, { name: "Meter M2", protocol: "HTTP" });
  await page.goto("/models");
  await page.getByRole("button", { name: "Add model" }).click();
  const dialog = page.getByRole("dialog", { name: "Add model" });

  await dialog.getByRole("button", { name: "Create model" }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();
  await expect(dialog.getByText("Choose MQTT or HTTP")).toBeVisible();

  await dialog.getByLabel("Name").fill("Meter M2");
  await dialog.getByRole("radio", { name: /^MQTT/ }).check();
  await dialog.getByRole("button", { name: "Create model" }).click();
  await expect(dialog.getByText(/A model named "Meter M2" already exists/)).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveValue("Meter M2");

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Models" }).getByRole("row")).toHaveCount(2);
});

test("[MODELS]: the Edit dialog changes other fields and has no protocol control", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  await openModel(page, { name: "Gateway G3", protocol: "HTTP" });
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit model" });
  await expect(dialog.getByRole("radio")).toHaveCount(0);
  await expect(dialog.locator('[name="communicationProtocol"]')).toHaveCount(0);
  await dialog.getByLabel("Name").fill("Gateway G3 rev B");
  await dialog.getByLabel("Device type").selectOption({ label: "Digital" });
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "Gateway G3 rev B", level: 1 })).toBeVisible();
  await expect(page.getByText(/^HTTP \(locked\)$/)).toBeVisible();
  await expect(page.getByText("Digital", { exact: true })).toBeVisible();
});

test("[MODELS]: an edit form carrying a protocol field is refused before it is sent", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  await openModel(page, { name: "Sensor S4", protocol: "MQTT" });
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit model" });
  await dialog.locator("form").evaluate((form) => {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "communicationProtocol";
    input.value = "HTTP";
    form.appendChild(input);
  });
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByRole("alert")).toContainText("cannot be changed");
});

test("[MODELS]: a crafted server-action request that adds a protocol is refused by the server and changes nothing", async ({
  page,
}) => {
  await signUp(page, undefined, { land: false });
  await openModel(page, { name: "Sensor S5", protocol: "MQTT" });
  // Rewrite the real server-action request on the wire, as an attacker with a
  // proxy would: same session, same action, plus a communicationProtocol field.
  let isTampered = false;
  await page.route("**/models/**", async (route) => {
    const request = route.request();
    const boundary = /boundary=(.+)$/.exec(request.headers()["content-type"] ?? "")?.[1];
    const body = request.postData();
    if (request.method() !== "POST" || !request.headers()["next-action"] || !boundary || !body) return route.continue();
    const prefix = /name="(_?\d+_)?name"/.exec(body)?.[1] ?? "";
    const extra = `--${boundary}\r\nContent-Disposition: form-data; name="${prefix}communicationProtocol"\r\n\r\nHTTP\r\n`;
    isTampered = true;
    return route.continue({ postData: extra + body });
  });
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit model" });
  await dialog.getByLabel("Name").fill("Sensor S5 renamed");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByRole("alert")).toContainText("cannot be changed");
  expect(isTampered).toBe(true);
  await expect(dialog.getByLabel("Name")).toHaveValue("Sensor S5 renamed");
  await page.unroute("**/models/**");
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sensor S5", level: 1 })).toBeVisible();
  await expect(page.getByText(/^MQTT \(locked\)$/)).toBeVisible();
});
