// Regenerates docs/models-page.png for the README: signs in as the seeded demo
// user on a running portal (default http://127.0.0.1:3000) and captures Models.
//   npm run db:seed && npm start   # in another shell
//   npx tsx scripts/capture-screenshot.ts [base-url]
import { chromium } from "@playwright/test";
import { DEMO_USER } from "../prisma/demo-user";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 640 }, deviceScaleFactor: 1 });
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(DEMO_USER.email);
  await page.getByLabel("Password").fill(DEMO_USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("table", { name: "Models" }).waitFor();
  await page.screenshot({ path: "docs/models-page.png" });
  console.log("Wrote docs/models-page.png");
} finally {
  await browser.close();
}
