import { createVerify } from "node:crypto";
import { expect, test } from "./fixtures/test";
import { openDevice, seedDevice, signUp } from "./fixtures/partners";

// Xyte's incidents, dumps and licences from the partner's side, with an HTTP device
// simulated by fetch: the device opens an incident and the partner sees it,
// filters the fleet by it and closes it; the partner asks for a dump with the
// dump command, the device uploads its log, and the partner downloads it; a
// licence issued on the device page is verified, applied and revoked.

test("[XYTE-API]: an incident the device opens is shown, filtered and closed; a requested dump is downloaded", async ({
  page,
}) => {
  await signUp(page, undefined, { land: false });
  const device = await seedDevice(page, { name: "Gateway G2", protocol: "HTTP" }, "G2-0001");
  const headers = { authorization: device.access_key };
  const base = `/v1/devices/${device.id}`;

  const opened = await page.request.post(`${base}/incidents`, {
    headers,
    data: { title: "Fan stalled", issue: "fan_stall", priority: "critical", description: "Fan 2 reads 0 rpm" },
  });
  expect(opened.status()).toBe(200);

  await page.goto("/");
  await expect(page.getByTestId("stat-open-incidents")).toHaveText("1");
  await page.getByTestId("stat-open-incidents").click();
  await expect(page).toHaveURL(/\/devices\?incident=open/);
  await expect(page.getByRole("link", { name: "G2-0001" })).toBeVisible();

  await openDevice(page, device);
  const incidents = page.getByRole("table", { name: "Open incidents" });
  await expect(incidents.getByRole("row", { name: /Fan stalled/ })).toContainText("critical");
  await expect(incidents).toContainText("Fan 2 reads 0 rpm");
  await incidents.getByRole("button", { name: "Close incident Fan stalled" }).click();
  await page
    .getByRole("alertdialog", { name: 'Close "Fan stalled"?' })
    .getByRole("button", { name: "Close incident" })
    .click();
  await expect(page.getByText("No open incidents.")).toBeVisible();
  expect(await (await page.request.get(`${base}/incidents`, { headers })).json()).toEqual([]);

  // The partner asks for a dump; the device runs the command as Xyte's agent does.
  const form = page.getByRole("form", { name: "Send a command" });
  await form.getByLabel("Command").selectOption("dump");
  await form.getByRole("button", { name: "Send command" }).click();
  await expect(page.getByRole("list", { name: "Command history" }).locator("li").first()).toHaveAttribute(
    "data-status",
    "pending",
  );
  const command = (await (await page.request.get(`${base}/command`, { headers })).json()) as {
    id: string;
    name: string;
  };
  expect(command.name).toBe("dump");
  await page.request.post(`${base}/command`, { headers, data: { id: command.id, status: "in_progress" } });
  const log = "boot ok\nfan 2: 0 rpm\n";
  const sent = await page.request.post(`${base}/dumps/text%2Fplain/agent.log`, {
    headers: { ...headers, "content-type": "application/octet-stream" },
    data: Buffer.from(log.slice(0, 8)),
  });
  expect(sent.status()).toBe(200);
  const { id: dumpId } = (await sent.json()) as { id: string };
  const appended = await page.request.put(`${base}/dumps/${dumpId}`, {
    headers: { ...headers, "content-type": "application/octet-stream" },
    data: Buffer.from(log.slice(8)),
  });
  expect(((await appended.json()) as { size: number }).size).toBe(log.length);
  await page.request.post(`${base}/command`, { headers, data: { id: command.id, status: "done" } });

  await page.reload();
  const dumps = page.getByRole("table", { name: "Dumps" });
  await expect(dumps.getByRole("row", { name: /agent\.log/ })).toContainText("text/plain");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dumps.getByRole("link", { name: "agent.log" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("agent.log");
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe(log);
});

test("[XYTE-API]: a licence issued on the device page is applied by the device and revoked", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  const device = await seedDevice(page, { name: "Display D7", protocol: "HTTP" }, "D7-0001");
  const headers = { authorization: device.access_key };
  const base = `/v1/devices/${device.id}`;

  await page.goto(`/models/${device.modelId}`);
  await expect(page.getByText("No licence types yet.")).toBeVisible();
  const addType = page.getByRole("form", { name: "Add a licence type" });
  await addType.getByLabel("Licence type").fill("Pro features");
  await addType.getByLabel("Description (optional)").fill("4K output and scheduling");
  await addType.getByRole("button", { name: "Add licence type" }).click();
  await expect(page.getByRole("table", { name: "Licence types" })).toContainText("Pro features");
  await page.getByText("Signing public key").click();
  const publicKey = await page.getByLabel("Licence signing public key").innerText();
  expect(publicKey).toContain("BEGIN PUBLIC KEY");

  await openDevice(page, device);
  await page.getByRole("button", { name: "Issue licence" }).click();
  const dialog = page.getByRole("dialog", { name: "Issue licence" });
  await dialog.getByLabel("Data (optional)").fill("[1, 2]");
  await dialog.getByRole("button", { name: "Issue licence" }).click();
  await expect(dialog.getByText("Data must be a JSON object")).toBeVisible();
  await dialog.getByLabel("Data (optional)").fill('{"seats": 5}');
  await dialog.getByRole("button", { name: "Issue licence" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("table", { name: "Licences" }).getByRole("row", { name: /Pro features/ });
  await expect(row).toContainText("Pending: waiting for the device");

  // The device's side, as Xyte's agent runs it.
  const answer = (await (
    await page.request.post(`${base}/telemetry`, { headers, data: { status: "online" } })
  ).json()) as {
    new_licenses: boolean;
  };
  expect(answer.new_licenses).toBe(true);
  const [license] = (await (await page.request.get(`${base}/licenses`, { headers })).json()) as Array<{
    id: string;
    add: boolean;
    data: Record<string, unknown>;
    signed_data: string;
    signature: string;
  }>;
  expect(license).toMatchObject({ add: true, data: { seats: 5 } });
  expect(createVerify("sha256").update(license!.signed_data).verify(publicKey, license!.signature, "base64")).toBe(
    true,
  );
  await page.request.post(`${base}/licenses`, { headers, data: { id: license!.id, state: "inuse" } });
  await page.reload();
  await expect(row).toContainText("In use");

  await row.getByRole("button", { name: "Revoke Pro features" }).click();
  await page
    .getByRole("alertdialog", { name: "Revoke Pro features?" })
    .getByRole("button", { name: "Revoke licence" })
    .click();
  await expect(row).toContainText("Revoked, waiting for the device");
  const [revoked] = (await (await page.request.get(`${base}/licenses`, { headers })).json()) as Array<{
    remove: boolean;
  }>;
  expect(revoked!.remove).toBe(true);
  await page.request.post(`${base}/licenses`, { headers, data: { id: license!.id, state: "removed" } });
  await page.reload();
  await expect(row).toContainText("Revoked, removed");
});

test("[XYTE-API]: a gateway registers a child device; each page links to the other", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  const gateway = await seedDevice(page, { name: "Hub H1", protocol: "HTTP" }, "H1-0001");
  const child = await page.request.post(`/v1/devices/${gateway.id}/children`, {
    headers: { authorization: gateway.access_key },
    data: { model_id: gateway.modelId, firmware_version: "2.0.0", sn: "H1-0001-S1", name: "Door sensor" },
  });
  expect(child.status()).toBe(201);
  const { id, access_key } = (await child.json()) as { id: string; access_key: string };
  // The child reports as itself, with the key the gateway was given for it.
  const report = await page.request.post(`/v1/devices/${id}/telemetry`, {
    headers: { authorization: access_key },
    data: { status: "online", telemetries: { open: false } },
  });
  expect(report.status()).toBe(200);

  await openDevice(page, gateway);
  await page.getByRole("link", { name: "Door sensor" }).click();
  await expect(page).toHaveURL(new RegExp(`/devices/${id}`));
  await expect(page.getByRole("heading", { name: "Door sensor", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "H1-0001", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/devices/${gateway.id}`));
});
