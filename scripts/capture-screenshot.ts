// Regenerates the README's screenshots in docs/: the overview and devices page
// of a large fleet, the Models page, a verified live check and an explained
// refusal. Signs in as the seeded demo user on a running portal (default
// http://127.0.0.1:3000) and works through the UI.
//   npm run db:seed && npx tsx --conditions=react-server scripts/seed-fleet.ts 100000 && npm start   # in another shell
//   npx tsx scripts/capture-screenshot.ts [base-url]
import { chromium, type Page } from "@playwright/test";
import { DEMO_USER } from "../prisma/demo-user";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});

async function shot(page: Page, name: string, locator?: string) {
  const path = `docs/${name}.png`;
  if (locator) await page.locator(locator).screenshot({ path });
  else await page.screenshot({ path });
  console.log(`Wrote ${path}`);
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 640 }, deviceScaleFactor: 1 });
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(DEMO_USER.email);
  await page.getByLabel("Password").fill(DEMO_USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
  await page.setViewportSize({ width: 1280, height: 1000 });
  await shot(page, "overview");
  await page.goto(`${baseUrl}/devices?sort=last_seen_desc`);
  await page.getByRole("table", { name: "Devices" }).waitFor();
  await shot(page, "devices-page");
  await page.setViewportSize({ width: 1280, height: 640 });
  await page.goto(`${baseUrl}/models`);
  await page.getByRole("table", { name: "Models" }).waitFor();
  await shot(page, "models-page");

  // A device of the MQTT model, registered through the screen.
  await page.getByRole("link", { name: "Acme Thermostat T1" }).click();
  await page.getByRole("button", { name: "Create hardware key" }).click();
  await page.getByLabel("Label").fill(`Screenshots ${new Date().toISOString().slice(0, 16)}`);
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("link", { name: "Register device" }).click();
  await page.getByLabel("Serial number").fill(`T1-DEMO-${Date.now() % 100000}`);
  await page.getByLabel("Firmware version").fill("2.1.0");
  await page.getByLabel("Name (optional)").fill("Lobby thermostat");
  await page.getByRole("button", { name: "Register device" }).click();
  const key = (await page.getByTestId("credential-access_key").textContent()) ?? "";
  await page.getByRole("link", { name: "Open the live connection check" }).click();

  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByText(/^Credentials verified live in \d+ ms$/).waitFor();
  await page.getByRole("button", { name: "Send a test command from the portal" }).click();
  await page.getByRole("list", { name: "Message log" }).waitFor();
  await shot(page, "live-check-verified", "section[aria-labelledby=live-check]");

  await page.getByLabel("Access key", { exact: true }).fill(`${key.slice(0, -6)}XXXXXX`);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByText("The access key does not match this device.").waitFor();
  await shot(page, "live-check-refused", "section[aria-labelledby=live-check]");
} finally {
  await browser.close();
}
