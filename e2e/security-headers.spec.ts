import type { APIResponse, Page, Response } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { addModel, createHardwareKey, seedHardwareKey, seedModel, signUp } from "./fixtures/partners";

type Headers = Record<string, string>;

/** The headers every response carries, page or API. */
function expectCommonHeaders(headers: Headers, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["x-frame-options"], what).toBe("DENY");
  // Served over plain HTTP here: no HSTS (lib/http/security-headers.test.ts covers HTTPS).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

/** A page's policy: scripts only with this response's nonce, no inline scripts, never framed. */
function expectPagePolicy(headers: Headers, what: string): string {
  expectCommonHeaders(headers, what);
  const policy = headers["content-security-policy"] ?? "";
  const scripts = policy.split("; ").find((d) => d.startsWith("script-src ")) ?? "";
  expect(scripts, what).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'$/);
  expect(policy, what).toContain("frame-ancestors 'none'");
  expect(policy, what).toContain("object-src 'none'");
  return /'nonce-([^']+)'/.exec(scripts)![1]!;
}

function expectApiPolicy(response: APIResponse, what: string) {
  const headers = response.headers();
  expectCommonHeaders(headers, what);
  expect(headers["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'");
}

/** Collects CSP violations, console errors and failed loads from here on. */
function watchForViolations(page: Page) {
  const problems: string[] = [];
  page.on("response", (response) => {
    if (response.status() < 400) return;
    // The 404 page's own document is the one expected failure.
    const expected = response.status() === 404 && new URL(response.url()).pathname === "/no-such-page";
    if (!expected) problems.push(`response: ${response.status()} ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // Chromium logs each failed load; the response listener above judges those by
    // their URL (the console message's own location is not reliably the page's).
    if (message.text().startsWith("Failed to load resource: the server responded with a status of")) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

async function violationsIn(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

test("[SECURITY]: every page has a nonce CSP without inline scripts, the APIs nosniff and no framing; nothing is blocked", async ({
  page,
  request,
}) => {
  test.slow();
  await page.addInitScript(() => {
    const store = window as unknown as { __cspViolations?: string[] };
    store.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      store.__cspViolations!.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const problems = watchForViolations(page);
  const visit = async (path: string, status = 200): Promise<string> => {
    const response = (await page.goto(path)) as Response;
    expect(response.status(), path).toBe(status);
    const nonce = expectPagePolicy(await response.allHeaders(), path);
    expect(await violationsIn(page), path).toEqual([]);
    return nonce;
  };

  const first = await visit("/sign-in");
  expect(await visit("/sign-in")).not.toBe(first);
  await visit("/sign-up");
  await signUp(page, undefined, { land: false });
  await visit("/");
  await visit("/models");

  const httpModelId = await addModel(page, { name: "Headers H1", protocol: "HTTP" });
  await createHardwareKey(page, "Line H");
  await page.getByRole("link", { name: "Register device" }).click();
  await page.getByLabel("Serial number").fill("H1-1");
  await page.getByLabel("Firmware version").fill("1.0.0");
  await page.getByRole("button", { name: "Register device" }).click();
  await page.getByRole("link", { name: "Open the live connection check" }).click();
  // The HTTP check fetches the device API from the browser (connect-src).
  await page.getByRole("button", { name: "Send test telemetry" }).click();
  await expect(page.getByText(/^HTTP 200 in \d+ ms: accepted/)).toBeVisible();
  const httpDeviceUrl = page.url().replace(/#.*$/, "");

  // The dialogs were drawn above; the MQTT model and its key are seeded.
  const modelId = await seedModel(page, { name: "Headers M1", protocol: "MQTT" });
  await seedHardwareKey(page, modelId, "Line M");
  await visit(`/models/${modelId}`);
  await visit(`/models/${modelId}/devices/new`);
  await page.getByLabel("Serial number").fill("M1-1");
  await page.getByLabel("Firmware version").fill("1.0.0");
  await page.getByRole("button", { name: "Register device" }).click();
  await page.getByRole("link", { name: "Open the live connection check" }).click();
  const deviceId = (await page.getByTestId("device-id").textContent()) ?? "";
  // The live check: a WebSocket to this origin's /mqtt, run by the page's client components.
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByText(/^Credentials verified live in \d+ ms$/)).toBeVisible();
  expect(await violationsIn(page)).toEqual([]);

  await visit(`/devices/${deviceId}`);
  await visit(httpDeviceUrl);
  await visit(`/models/${httpModelId}`);
  await visit("/devices");
  await visit("/no-such-page", 404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(problems).toEqual([]);

  // The JSON APIs: the device API and the device page's command sends (served
  // by server.ts ahead of Next.js), and routes Next.js serves.
  expectApiPolicy(await request.post("/v1/devices", { data: {} }), "POST /v1/devices");
  expectApiPolicy(await request.post("/v1/devices/bulk_create", { data: [] }), "POST /v1/devices/bulk_create");
  expectApiPolicy(await request.get(`/v1/devices/${deviceId}/config`), "GET /v1/devices/{id}/config");
  expectApiPolicy(
    await request.post(`/api/devices/${deviceId}/commands`, { data: {} }),
    "POST /api/devices/{id}/commands",
  );
  expectApiPolicy(await request.get("/v1/openapi.json"), "GET /v1/openapi.json");
  expectApiPolicy(await request.get("/api/health"), "GET /api/health");
  expectApiPolicy(await request.get("/api/devices/presence"), "GET /api/devices/presence");
  expectApiPolicy(await request.post("/api/auth/sign-in/email", { data: {} }), "POST /api/auth/sign-in/email");
});
