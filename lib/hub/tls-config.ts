import path from "node:path";
import type { Env } from "../env";
import type { BrokerTlsOptions } from "./broker-tls";
import { loopbackTlsOptions } from "./broker-tls";
import {
  certificateNames,
  ensureGeneratedCertificates,
  generatedCertificateFiles,
  type HubCertificateFiles,
} from "./hub-certificates";
import { logger } from "../runtime/logger";

/**
 * The host names the generated certificate is made for: where devices are
 * told to connect (MQTT_PUBLIC_URL), where browsers reach the portal
 * (PUBLIC_URL), and loopback.
 */
export function hubCertificateNames(config: Env): string[] {
  const hosts = [config.MQTT_PUBLIC_URL, config.PUBLIC_URL].map((url) => new URL(url).hostname);
  return certificateNames([...hosts, "localhost", "127.0.0.1"]);
}

/** The embedded hub's TLS listener as the environment configures it; undefined when it has none. */
export function hubTls(config: Env): { port: number; certificates: () => HubCertificateFiles } | undefined {
  if (!config.HAS_MQTT_TLS) return undefined;
  const { MQTT_TLS_CERT_FILE: cert, MQTT_TLS_KEY_FILE: key, MQTT_TLS_CA_FILE: ca } = config;
  return {
    port: config.MQTT_TLS_PORT,
    certificates: () =>
      cert && key
        ? { cert: path.resolve(cert), key: path.resolve(key), ca: ca ? path.resolve(ca) : null }
        : ensureGeneratedCertificates({
            hubDir: config.HUB_DATA_DIR,
            names: hubCertificateNames(config),
            log: (message) => logger("hub").info(message),
          }),
  };
}

/**
 * The CA certificate devices are offered (GET /api/hub/ca.pem): the
 * configured MQTT_TLS_CA_FILE, or the local CA the portal made; null when
 * the hub's certificate is configured without one (a public CA signed it)
 * or the hub has no TLS listener.
 */
export function offeredCaFile(config: Env): string | null {
  if (config.MQTT_TLS_CA_FILE) return path.resolve(config.MQTT_TLS_CA_FILE);
  if (!config.HAS_MQTT_TLS || config.MQTT_TLS_CERT_FILE) return null;
  return generatedCertificateFiles(config.HUB_DATA_DIR).ca;
}

/** How the portal's /mqtt relay checks the broker when it reaches it over TLS (no plain listener). */
export function relayTlsOptions(config: Env): (() => BrokerTlsOptions) | undefined {
  if (!config.MQTT_BROKER_URL.startsWith("mqtts:") || config.HUB_MODE !== "embedded") return undefined;
  const caFile = offeredCaFile(config);
  return () => loopbackTlsOptions(caFile, new URL(config.MQTT_PUBLIC_URL).hostname);
}
