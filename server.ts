// The portal's process: checks its configuration, brings the database schema
// up to date, then serves Next.js. A custom server (not `next start`) because
// the portal also owns long-lived resources that must start and stop with it.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { resolveClientAddress, trustedProxyList } from "./lib/http/client-address";
import { protectDatabaseFiles, resolveDatabaseUrl } from "./lib/database/database-url";
import { startExportThread } from "./lib/device-export/thread-host";
import { parseEnv, type Env } from "./lib/env";
import { findFastRoute, serveFastRoute } from "./lib/runtime/fast-routes";
import { attachMqttRelay } from "./lib/hub/mqtt-relay";
import { MqttRelayProcess } from "./lib/hub/relay-process";
import { hubTls, relayTlsOptions } from "./lib/hub/tls-config";
import { logger, withRequestId } from "./lib/runtime/logger";
import { hasPendingMigrations } from "./lib/database/pending-migrations";
import { migrateDeploy } from "./lib/database/migrate-deploy";
import { assignRequestId, nextRouteKind, observeRequest } from "./lib/runtime/observe-request";
import { isMetricsRequest, serveMetrics } from "./lib/runtime/serve-metrics";
import { API_CONTENT_SECURITY_POLICY, commonSecurityHeaders, isApiPath } from "./lib/http/security-headers";
import { runShutdownHooks } from "./lib/runtime/shutdown";
import { CLIENT_ADDRESS_HEADER } from "./lib/http/request-headers";

const isDev = process.argv.includes("--dev");
// tsx turns source maps on for the whole process, and every Error's stack is
// then mapped through them; Next.js throws errors as control flow while it
// renders. The devices list's p95 fell from 52 to 37–40 ms with them off
// (bench/health.bench.ts). NODE_OPTIONS=--enable-source-maps keeps them.
const sourceMapsWanted = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((flag) =>
  flag.includes("--enable-source-maps"),
);
if (!isDev && !sourceMapsWanted) process.setSourceMapsEnabled(false);
// Made on first use, after .env is loaded (it may set LOG_LEVEL).
const log = () => logger("portal");

function loadConfig(): Env {
  if (existsSync(".env")) process.loadEnvFile(".env");
  try {
    return parseEnv(process.env);
  } catch (error) {
    log().fatal(
      `${(error as Error).message}\nSee .env.example for every variable; \`npm run setup\` writes a working .env.`,
    );
    process.exit(1);
  }
}

async function applyMigrations(url: string): Promise<void> {
  if (!(await hasPendingMigrations(url))) {
    log().info("Database schema up to date (no pending migrations).");
    return;
  }
  let output: string;
  try {
    output = await migrateDeploy(process.env);
  } catch (error) {
    log().fatal(`Database migration failed:\n${(error as Error).message}`);
    process.exit(1);
  }
  const applied = /(\d+) migrations? found/.exec(output)?.[1] ?? "?";
  log().info(`Database schema up to date (${applied} migrations).`);
}

/**
 * Idle kept-alive connections stay open for 65 s, where Node closes them
 * after 5. A client that reuses a connection just as the server closes it
 * gets a reset (ECONNRESET) instead of an answer: load balancers keep theirs
 * 60 s (AWS's default), and Playwright's request API ignores the server's
 * Keep-Alive hint. The server outliving its clients' idle time avoids that.
 */
function keepIdleConnections<S extends { keepAliveTimeout: number; headersTimeout: number }>(server: S): S {
  server.keepAliveTimeout = 65_000;
  // Node wants the headers' time limit above the idle one.
  server.headersTimeout = 66_000;
  return server;
}

/**
 * DEVICE_API_TLS_PORT: the same requests over HTTPS with the hub's TLS
 * certificate (made here on a first start, as the hub would), so devices
 * that pin the hub's CA reach the device API without the proxy's rotating
 * certificate (hub_url_static_cert). A certificate renewed later is served
 * from the next start.
 */
function startDeviceApiTls(config: Env, serve: (req: IncomingMessage, res: ServerResponse) => void) {
  const tls = hubTls(config);
  if (config.DEVICE_API_TLS_PORT === 0 || !tls) return null;
  const files = tls.certificates();
  const server = keepIdleConnections(
    createHttpsServer({ cert: readFileSync(files.cert), key: readFileSync(files.key) }, serve),
  );
  server.listen(config.DEVICE_API_TLS_PORT, config.HOST, () =>
    log().info(`Device API over HTTPS with the hub's certificate: ${config.DEVICE_API_STATIC_CERT_URL}`),
  );
  return server;
}

async function main(): Promise<void> {
  const config = loadConfig();
  // Before the migrations, so a new database is created owner-only.
  protectDatabaseFiles(config.DATABASE_URL);
  await applyMigrations(resolveDatabaseUrl(config.DATABASE_URL));
  // The CSV export's own thread (thread-host.ts says why), started now so its cost is paid at start.
  const stopExportThread = startExportThread();
  const { default: next } = await import("next");
  const app = next({ dev: isDev, hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trustedProxies = config.TRUSTED_PROXIES.length > 0 ? trustedProxyList(config.TRUSTED_PROXIES) : undefined;
  const securityHeaders = Object.entries(commonSecurityHeaders({ isHttps: config.PUBLIC_URL.startsWith("https:") }));
  let isStopping = false;
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const requestId = assignRequestId(req, res);
    // The socket's address, or behind TRUSTED_PROXIES the address they forwarded; never the client's say-so.
    const forwardedFor = req.headers["x-forwarded-for"];
    req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(req.socket.remoteAddress, forwardedFor, trustedProxies);
    // Every response, fast route or Next.js; pages get their own policy from proxy.ts.
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    // While stopping, a kept-alive connection carries this answer and closes, so the drain below ends.
    if (isStopping) res.setHeader("Connection", "close");
    if (req.url && isApiPath(req.url)) res.setHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
    // Every line logged while the request is handled names it.
    withRequestId(requestId, () => {
      if (isMetricsRequest(req)) return void serveMetrics(req, res, config.METRICS_TOKEN);
      const fastRoute = findFastRoute(req);
      observeRequest(req, res, fastRoute?.key ?? nextRouteKind(req.url ?? "/"), requestId);
      if (fastRoute) void serveFastRoute(fastRoute, req, res);
      else void handle(req, res);
    });
  };
  const server = keepIdleConnections(createServer(serve));
  const deviceApiTls = startDeviceApiTls(config, serve);
  const relayProcess = new MqttRelayProcess(config.MQTT_BROKER_URL);
  attachMqttRelay(
    server,
    { url: config.MQTT_BROKER_URL, tlsOptions: relayTlsOptions(config) },
    {
      onOtherUpgrade: isDev ? (req, socket, head) => void app.getUpgradeHandler()(req, socket, head) : undefined,
      handOff: (req, socket, head) => relayProcess.handOff(req, socket, head),
    },
  );

  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log().info(`${signal}: shutting down`);
    relayProcess.stop();
    void stopExportThread();
    // Requests in flight are answered first (a registration's or a rotation's
    // answer holds the only copy of its key); whatever is still open after 2 s is cut.
    const listening = [server, deviceApiTls].filter((one) => one !== null);
    const drained = listening.map((one) => new Promise<void>((resolve) => one.close(() => resolve())));
    // close() drops only the connections idle at that moment (measured: an idle
    // portal still waited the full 2 s); a kept-alive one that goes idle later is dropped here.
    const idleCloser = setInterval(() => {
      for (const one of listening) one.closeIdleConnections();
    }, 50);
    const cut = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
    void Promise.race([Promise.all(drained), cut])
      .then(() => {
        clearInterval(idleCloser);
        for (const one of listening) one.closeAllConnections();
      })
      .then(() => runShutdownHooks())
      .then(() => app.close())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  // Under a custom server Next.js runs instrumentation.ts on the first request;
  // make that request now, so the hub is up before anyone else arrives.
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const health = await fetch(`http://127.0.0.1:${port}/api/health`).catch((error: unknown) => error as Error);
  if (health instanceof Error || !health.ok) {
    log().fatal(`Start-up check failed: ${health instanceof Error ? health.message : `HTTP ${health.status}`}`);
    stop("start-up failure");
    return;
  }
  log().info(`Partner Hub ready on ${config.PUBLIC_URL} (listening on ${config.HOST}:${port})`);
}

await main();
