import { z } from "zod";
import { describeBadProxyEntry, splitProxyList } from "./http/client-address";
import { DEFAULT_DATABASE_URL } from "./database/database-url";

// Every variable the portal reads, validated once. A missing or malformed one
// stops the process with a message that names it (see .env.example).
const secret = (name: string) =>
  z
    .string({ error: `${name} is required (at least 32 characters; run scripts/setup.sh to generate one)` })
    .min(32, `${name} must be at least 32 characters`);

/** pino's levels, for LOG_LEVEL. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const port = z.coerce.number({ error: "must be a port number" }).int().min(0).max(65_535);

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const variables = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|libsql:|https?:|postgres(ql)?:\/\/)/,
      "must be a libSQL URL such as file:data/partner-hub.db or a PostgreSQL URL such as postgresql://user:password@host/db",
    )
    .default(DEFAULT_DATABASE_URL),
  BETTER_AUTH_SECRET: secret("BETTER_AUTH_SECRET"),
  KEY_HASH_SECRET: secret("KEY_HASH_SECRET"),
  // Where browsers reach the portal (behind a proxy, its public address).
  PUBLIC_URL: url.optional(),
  PORT: port.default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  // Proxies (comma-separated addresses or CIDR ranges, IPv4 or IPv6) whose
  // X-Forwarded-For is believed; unset, the socket's address is the client's.
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((list, context) => {
      const entries = splitProxyList(list);
      for (const problem of entries.map(describeBadProxyEntry)) if (problem) context.addIssue(problem);
      return entries;
    }),

  // The MQTT hub (lib/hub). "embedded": the portal runs Mosquitto itself;
  // "emqx": a cluster at MQTT_EXTERNAL_URL that authenticates devices by
  // calling the portal's /api/hub/authn and /api/hub/authz (docs/deploy.md).
  // "external" (a broker nobody told about new devices) was removed.
  HUB_MODE: z
    .enum(["embedded", "emqx"], {
      error: (issue) =>
        issue.input === "external"
          ? 'HUB_MODE=external was removed: use "emqx" for a broker cluster that asks the portal who may connect (docs/deploy.md), or "embedded"'
          : 'must be "embedded" or "emqx"',
    })
    .default("embedded"),
  // The embedded hub's listeners: plain MQTT and MQTT over TLS; 0 turns one off.
  MQTT_PORT: port.default(1883),
  MQTT_TLS_PORT: port.default(8883),
  MQTT_HOST: z.string().min(1).default("0.0.0.0"),
  // The TLS listener's certificate (with its chain) and key, PEM. Unset: the
  // portal makes a local CA and a certificate in HUB_DATA_DIR/tls. MQTT_TLS_CA_FILE
  // is the CA offered at /api/hub/ca.pem for firmware to pin (unset with a
  // publicly trusted certificate).
  MQTT_TLS_CERT_FILE: z.string().min(1).optional(),
  MQTT_TLS_KEY_FILE: z.string().min(1).optional(),
  MQTT_TLS_CA_FILE: z.string().min(1).optional(),
  // Where the portal reaches the EMQX cluster (its own session, the /mqtt relay).
  MQTT_EXTERNAL_URL: z.url({ protocol: /^mqtts?$/, error: "must be an mqtt:// or mqtts:// URL" }).optional(),
  // What devices are told to connect to (mqtt_hub_url); default: PUBLIC_URL's
  // host with mqtts:// and MQTT_TLS_PORT, or mqtt:// and MQTT_PORT without TLS.
  MQTT_PUBLIC_URL: z.url({ protocol: /^mqtts?$/, error: "must be an mqtt:// or mqtts:// URL" }).optional(),
  HUB_DATA_DIR: z.string().min(1).default("data/hub"),
  // Where uploaded firmware files are kept (one file per upload, named by its
  // id), and the largest upload accepted. Several portal processes must share
  // the directory (docs/deploy.md).
  FIRMWARE_DIR: z.string().min(1).default("data/firmware"),
  FIRMWARE_MAX_MB: z.coerce.number({ error: "must be a number" }).int().min(1).max(2_047).default(512),
  // Where device dumps are kept (shared as FIRMWARE_DIR is), the largest one
  // dump may grow to, and the most one device may keep in all.
  DUMPS_DIR: z.string().min(1).default("data/dumps"),
  DUMP_MAX_MB: z.coerce.number({ error: "must be a number" }).int().min(1).max(1_024).default(50),
  DUMP_DEVICE_MAX_MB: z.coerce.number({ error: "must be a number" }).int().min(1).max(2_047).default(200),
  // The device HTTP API as devices reach it (hub_url), and the same API for
  // devices that pin a static certificate (hub_url_static_cert). Default: PUBLIC_URL.
  DEVICE_API_URL: url.optional(),
  DEVICE_API_STATIC_CERT_URL: url.optional(),
  // An HTTPS listener of the portal's own for the device API, with the hub's
  // TLS certificate (which chains to the CA at /api/hub/ca.pem): then the
  // default hub_url_static_cert. 0: none.
  DEVICE_API_TLS_PORT: port.default(0),
  // Register Device API limits, requests per minute.
  REGISTRATION_RATE_PER_IP: z.coerce.number({ error: "must be a number" }).int().min(1).default(3_000),
  REGISTRATION_RATE_PER_KEY: z.coerce.number({ error: "must be a number" }).int().min(1).default(6_000),
  // Sign-in, sign-up and password-reset attempts (failed sign-ins; every
  // sign-up and reset request) allowed per account and per client address
  // within the window; then "too many attempts" until the window ends.
  AUTH_ATTEMPTS_PER_ACCOUNT: z.coerce.number({ error: "must be a number" }).int().min(1).default(10),
  AUTH_ATTEMPTS_PER_ADDRESS: z.coerce.number({ error: "must be a number" }).int().min(1).default(30),
  AUTH_ATTEMPT_WINDOW_MINUTES: z.coerce.number({ error: "must be a number" }).int().min(1).max(1_440).default(15),
  // The device conversation: how long telemetry history is kept, how long a
  // queued command waits for the device before it expires, and how many
  // Update Device calls a device may make per hour (Xyte's limit is 10).
  TELEMETRY_RETENTION_DAYS: z.coerce.number({ error: "must be a number" }).positive().max(3_650).default(7),
  // How many of its newest history events (connects, refusals, calls) each device keeps.
  DEVICE_HISTORY_EVENTS: z.coerce.number({ error: "must be a number" }).int().min(10).default(1_000),
  COMMAND_EXPIRY_MINUTES: z.coerce.number({ error: "must be a number" }).positive().max(525_600).default(60),
  DEVICE_UPDATES_PER_HOUR: z.coerce.number({ error: "must be a number" }).int().min(1).default(10),
  // Management API calls (/api/v1) allowed per API token and minute.
  API_TOKEN_RATE_PER_MINUTE: z.coerce.number({ error: "must be a number" }).int().min(1).default(6_000),
  // Where those limits are counted: "memory" (one portal process) or
  // "database" (shared by several processes on one database).
  RATE_LIMIT_STORE: z.enum(["memory", "database"], { error: 'must be "memory" or "database"' }).default("memory"),
  // Operations: the log level (JSON lines; default info), and the token
  // /metrics asks for as "Authorization: Bearer ..."; unset, /metrics answers loopback callers only.
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).optional(),
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  MOSQUITTO_BIN: z.string().min(1).optional(),
  // Optional account "partner-hub-operator" on the embedded hub, for a
  // partner's backend (or a test harness) that sends commands to devices: it
  // may read and write every device's topics, nothing else. Unset: no account.
  HUB_OPERATOR_PASSWORD: z.string().min(24, "HUB_OPERATOR_PASSWORD must be at least 24 characters").optional(),
  // The shared secret the broker sends as "Authorization: Bearer ..." to the
  // auth endpoints (HUB_MODE=emqx); without it they answer 404.
  HUB_AUTH_SECRET: z.string().min(32, "HUB_AUTH_SECRET must be at least 32 characters").optional(),
  // EMQX's management API, to end the session of a rotated, disabled or deleted device at once.
  EMQX_API_URL: url.optional(),
  EMQX_API_KEY: z.string().min(1).optional(),
  EMQX_API_SECRET: z.string().min(1).optional(),
  // Outgoing mail (invitations, password reset links), e.g.
  // smtp://user:pass@mail.example.com:587 or smtps://...:465; unset,
  // invitation links are only shown to copy and there is no reset by email.
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  SMTP_FROM: z.string().min(3).default("Partner Hub <no-reply@partner-hub.local>"),
  // How long an invitation link stays valid.
  INVITATION_EXPIRY_DAYS: z.coerce.number({ error: "must be a number" }).positive().max(90).default(7),
  // Webhook URLs must be https:// and reach only public addresses (checked
  // when added and again at every connection, after DNS); "true" allows
  // http:// and loopback, private and link-local hosts: for local receivers
  // and the tests, never for a portal whose partners are strangers.
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(["true", "false"], { error: 'must be "true" or "false"' })
    .default("false")
    .transform((value) => value === "true"),
});

/** Every variable the portal reads (for .env.example and its test). */
export const ENV_NAMES = Object.keys(variables.shape);

const envSchema = variables
  .refine((e) => e.HUB_MODE === "embedded" || e.MQTT_EXTERNAL_URL, {
    path: ["MQTT_EXTERNAL_URL"],
    error: 'MQTT_EXTERNAL_URL is required when HUB_MODE is "emqx"',
  })
  .refine((e) => e.HUB_MODE !== "emqx" || e.HUB_AUTH_SECRET, {
    path: ["HUB_AUTH_SECRET"],
    error: 'HUB_AUTH_SECRET is required when HUB_MODE is "emqx"',
  })
  .refine((e) => !e.EMQX_API_URL || (e.EMQX_API_KEY && e.EMQX_API_SECRET), {
    path: ["EMQX_API_KEY"],
    error: "EMQX_API_KEY and EMQX_API_SECRET are required with EMQX_API_URL",
  })
  .refine((e) => e.HUB_MODE !== "embedded" || e.MQTT_PORT > 0 || e.MQTT_TLS_PORT > 0, {
    path: ["MQTT_TLS_PORT"],
    error: "MQTT_PORT and MQTT_TLS_PORT are both 0: the hub needs at least one listener",
  })
  .refine((e) => e.HUB_MODE !== "embedded" || e.MQTT_PORT === 0 || e.MQTT_PORT !== e.MQTT_TLS_PORT, {
    path: ["MQTT_TLS_PORT"],
    error: "MQTT_TLS_PORT must differ from MQTT_PORT (set one of them to 0 to turn that listener off)",
  })
  .refine((e) => !e.MQTT_TLS_CERT_FILE === !e.MQTT_TLS_KEY_FILE, {
    path: ["MQTT_TLS_KEY_FILE"],
    error: "MQTT_TLS_CERT_FILE and MQTT_TLS_KEY_FILE go together",
  })
  .refine((e) => !e.MQTT_TLS_CA_FILE || e.MQTT_TLS_CERT_FILE, {
    path: ["MQTT_TLS_CA_FILE"],
    error: "MQTT_TLS_CA_FILE is the CA of MQTT_TLS_CERT_FILE: set both (or neither, for a generated CA)",
  })
  .refine((e) => e.DEVICE_API_TLS_PORT === 0 || (e.HUB_MODE === "embedded" && e.MQTT_TLS_PORT > 0), {
    path: ["DEVICE_API_TLS_PORT"],
    error: "DEVICE_API_TLS_PORT serves the hub's TLS certificate: it needs HUB_MODE=embedded and MQTT_TLS_PORT on",
  })
  .transform((e) => {
    const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
    const hasTls = e.HUB_MODE === "embedded" && e.MQTT_TLS_PORT > 0;
    // The portal's own connections stay on plain loopback while there is a plain listener.
    const brokerUrl =
      e.HUB_MODE !== "embedded"
        ? e.MQTT_EXTERNAL_URL!
        : e.MQTT_PORT > 0
          ? `mqtt://127.0.0.1:${e.MQTT_PORT}`
          : `mqtts://127.0.0.1:${e.MQTT_TLS_PORT}`;
    const publicHost = new URL(publicUrl).hostname;
    const deviceApiUrl = (e.DEVICE_API_URL ?? publicUrl).replace(/\/$/, "");
    return {
      ...e,
      PUBLIC_URL: publicUrl,
      DEVICE_API_URL: deviceApiUrl,
      DEVICE_API_STATIC_CERT_URL: (
        e.DEVICE_API_STATIC_CERT_URL ??
        (e.DEVICE_API_TLS_PORT > 0 ? `https://${publicHost}:${e.DEVICE_API_TLS_PORT}` : deviceApiUrl)
      ).replace(/\/$/, ""),
      /** How the portal calls its own API (the registration screen): never through a proxy. */
      INTERNAL_URL: `http://127.0.0.1:${e.PORT}`,
      /** Where the portal itself (hub client, /mqtt relay) reaches the broker's TCP listener. */
      MQTT_BROKER_URL: brokerUrl,
      MQTT_PUBLIC_URL:
        e.MQTT_PUBLIC_URL ??
        (e.HUB_MODE !== "embedded"
          ? brokerUrl
          : hasTls
            ? `mqtts://${publicHost}:${e.MQTT_TLS_PORT}`
            : `mqtt://${publicHost}:${e.MQTT_PORT}`),
      /** The embedded hub runs a TLS listener (MQTT_TLS_PORT). */
      HAS_MQTT_TLS: hasTls,
    };
  });

export type Env = z.output<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
