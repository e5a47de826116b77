import { createHash } from "node:crypto";
import { expect, test } from "./fixtures/test";
import { openModel, seedHardwareKey, signUp } from "./fixtures/partners";

// A partner uploads firmware in the model page's dialog; a device of the
// model is then told of it and downloads exactly those bytes.

const firmware = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 256));
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test("[FIRMWARE]: an upload in the dialog reaches the model's devices, byte for byte", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  const modelId = await openModel(page, { name: "Sensor S3", protocol: "HTTP" });
  await expect(page.getByText("No firmware files yet.")).toBeVisible();

  await page.getByRole("button", { name: "Upload firmware" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload firmware" });
  await dialog
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "s3-2.1.0.bin", mimeType: "application/octet-stream", buffer: firmware });
  await dialog.getByLabel("Version").fill("2.1");
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog.getByText("must be SemVer like 1.2.3")).toBeVisible();
  await dialog.getByLabel("Version").fill("2.1.0");
  await dialog.getByLabel("Public notes (sent to devices)").fill("Fixes the boot loop");
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("table", { name: "Firmware files" }).getByRole("row", { name: /2\.1\.0/ });
  await expect(row).toContainText("Newest release");
  await expect(row).toContainText("s3-2.1.0.bin");
  await expect(row).toContainText("195.3 KB");
  await expect(row).toContainText(sha256(firmware).slice(0, 12));

  // The same version again is refused in the dialog, which says why.
  await page.getByRole("button", { name: "Upload firmware" }).click();
  await dialog
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "again.bin", mimeType: "application/octet-stream", buffer: firmware });
  await dialog.getByLabel("Version").fill("2.1.0");
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog.getByText("2.1.0 is already uploaded for this model")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const hardwareKey = await seedHardwareKey(page, modelId);
  const registered = await page.request.post("/v1/devices", {
    data: { sn: "S3-0001", firmware_version: "2.0.0", hardware_key: hardwareKey },
  });
  const device = (await registered.json()) as { id: string; access_key: string };
  const headers = { authorization: device.access_key };
  const answer = await page.request.post(`/v1/devices/${device.id}/telemetry`, { headers, data: { status: "online" } });
  const { latest_fw_version, latest_fw_file_id } = (await answer.json()) as Record<string, string>;
  expect(latest_fw_version).toBe("2.1.0");
  const file = (await (
    await page.request.get(`/v1/devices/${device.id}/files/${latest_fw_file_id}`, { headers })
  ).json()) as {
    url: string;
    sha256: string;
  };
  expect(file.sha256).toBe(sha256(firmware));
  const downloaded = await page.request.get(file.url, { headers });
  expect(downloaded.status()).toBe(200);
  expect(sha256(await downloaded.body())).toBe(sha256(firmware));
  const resumed = await page.request.get(file.url, { headers: { ...headers, range: "bytes=150000-" } });
  expect(resumed.status()).toBe(206);
  expect(sha256(Buffer.concat([firmware.subarray(0, 150_000), await resumed.body()]))).toBe(sha256(firmware));

  await row.getByRole("button", { name: "Delete 2.1.0" }).click();
  await page
    .getByRole("alertdialog", { name: "Delete firmware 2.1.0?" })
    .getByRole("button", { name: "Delete file" })
    .click();
  await expect(page.getByText("No firmware files yet.")).toBeVisible();
  expect((await page.request.get(file.url, { headers })).status()).toBe(404);
});
