#!/usr/bin/env bash
# One command for a fresh Debian/Ubuntu machine: installs what Partner Hub
# needs, writes a .env with fresh secrets, builds, and starts the portal.
#   bash scripts/setup.sh            install, build and start on :3000
#   bash scripts/setup.sh --no-start install and build only
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Run as root (or install sudo) to install Debian packages: $*" >&2; exit 1
  fi
}

# Node.js 20.19+ (Next.js 16 and Prisma 6 need it).
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  echo "Partner Hub needs Node.js 20.19 or newer: https://nodejs.org/en/download (or: apt-get install nodejs npm)." >&2
  exit 1
fi

# Debian packages: Mosquitto is the portal's embedded MQTT hub, and its
# plugin (lib/hub/broker-plugin) is compiled at start with a C compiler
# against mosquitto-dev; openssl makes the hub's local CA and TLS certificate
# on the first start (unless MQTT_TLS_CERT_FILE is set). The tests (npm test)
# also need its clients (they run the snippets the portal shows), PostgreSQL's
# binaries (they make a throw-away cluster of their own) and Chromium
# (Playwright cannot download a browser on every network).
packages=(mosquitto mosquitto-dev gcc libc6-dev openssl mosquitto-clients postgresql chromium)
missing=()
for pkg in "${packages[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
# The package starts a system-wide broker on port 1883 where systemd runs;
# the portal runs its own there, so the system one is switched off.
if command -v systemctl >/dev/null && systemctl is-active --quiet mosquitto 2>/dev/null; then
  say "Stopping the system mosquitto service (Partner Hub runs its own broker on port ${MQTT_PORT:-1883})"
  as_root systemctl disable --now mosquitto
fi

say "Installing npm dependencies"
npm ci --no-audit --no-fund

if [ ! -f .env ]; then
  say "Writing .env with fresh secrets (see .env.example)"
  secret() { node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))'; }
  sed -e "s|^BETTER_AUTH_SECRET=.*|BETTER_AUTH_SECRET=$(secret)|" \
      -e "s|^KEY_HASH_SECRET=.*|KEY_HASH_SECRET=$(secret)|" .env.example > .env
  chmod 600 .env
fi

say "Building"
NEXT_TELEMETRY_DISABLED=1 npm run build

if [ "${1:-}" = "--no-start" ]; then
  say "Ready. Start the portal with: npm start"
  exit 0
fi
say "Starting Partner Hub on http://localhost:${PORT:-3000} (Ctrl+C stops it)"
exec npm start
