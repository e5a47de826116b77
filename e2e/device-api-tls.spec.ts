import { request as httpsRequest } from "node:https";
import { expect, test } from "./fixtures/test";
import { seedHardwareKey, seedModel, signUp } from "./fixtures/partners";

// hub_url_static_cert: with DEVICE_API_TLS_PORT the portal serves the device
// API over HTTPS itself, with the hub's certificate, which devices check
// against the CA the portal offers.

/** A JSON POST over HTTPS, trusting `ca` only (undefined: Node's own CA list). */
function postJson(url: string, body: unknown, ca?: Buffer): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: "POST", headers: { "content-type": "application/json" }, ca }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

test("[TLS]: devices register over the portal's HTTPS device API, checked against the hub's CA, and are told both TLS URLs", async ({
  page,
}) => {
  await signUp(page, undefined, { land: false });
  const hardwareKey = await seedHardwareKey(page, await seedModel(page, { name: "Pinned P1", protocol: "MQTT" }));
  const ca = await (await page.request.get("/api/hub/ca.pem")).body();
  const staticUrl = `https://127.0.0.1:${process.env.E2E_DEVICE_API_TLS_PORT}`;
  const device = { sn: "PINNED-1", firmware_version: "1.0.0", hardware_key: hardwareKey };

  const { status, json } = await postJson(`${staticUrl}/v1/devices`, device, ca);
  expect(status).toBe(201);
  expect(json.hub_url_static_cert).toBe(staticUrl);
  expect(json.mqtt_hub_url).toBe(`mqtts://127.0.0.1:${process.env.E2E_MQTT_TLS_PORT}`);

  // A client that trusts only the public CA list refuses the hub's certificate before sending anything.
  await expect(postJson(`${staticUrl}/v1/devices`, { ...device, sn: "PINNED-2" })).rejects.toThrow(
    /self-signed certificate in certificate chain|unable to verify/i,
  );
});
