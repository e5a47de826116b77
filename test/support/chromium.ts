// Debian's Chromium, as every browser run here launches it (Playwright cannot
// download one on this network). Without these flags it hangs on the closed
// network, and it needs --no-sandbox as root.
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
