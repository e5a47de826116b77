import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ENV_NAMES, parseEnv } from "./env";

const valid = { BETTER_AUTH_SECRET: "a".repeat(32), KEY_HASH_SECRET: "b".repeat(32) };

describe("[CONFIG] environment validation", () => {
  it("fills defaults and derives the public URL from the port", () => {
    const env = parseEnv({ ...valid, PORT: "4100" });
    expect(env).toMatchObject({
      PORT: 4100,
      HOST: "0.0.0.0",
      PUBLIC_URL: "http://localhost:4100",
      DATABASE_URL: "file:data/partner-hub.db",
    });
  });

  it("names every missing or malformed variable", () => {
    expect(() => parseEnv({ KEY_HASH_SECRET: "short", PORT: "http", PUBLIC_URL: "ftp://x" })).toThrow(
      /BETTER_AUTH_SECRET: BETTER_AUTH_SECRET is required[\s\S]*KEY_HASH_SECRET: KEY_HASH_SECRET must be at least 32[\s\S]*PUBLIC_URL[\s\S]*PORT/,
    );
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://db" })).toThrow(/DATABASE_URL: must be a libSQL URL/);
  });

  it("tells devices the TLS listener by default, while the portal itself stays on plain loopback", () => {
    expect(parseEnv({ ...valid, PUBLIC_URL: "https://partners.example.com" })).toMatchObject({
      MQTT_PORT: 1883,
      MQTT_TLS_PORT: 8883,
      HAS_MQTT_TLS: true,
      MQTT_BROKER_URL: "mqtt://127.0.0.1:1883",
      MQTT_PUBLIC_URL: "mqtts://partners.example.com:8883",
    });
  });

  it("turns a listener off with port 0: without TLS devices are told mqtt://, without plain the portal uses TLS too", () => {
    const plainOnly = { ...valid, PUBLIC_URL: "https://partners.example.com", MQTT_PORT: "1884", MQTT_TLS_PORT: "0" };
    expect(parseEnv(plainOnly)).toMatchObject({
      HAS_MQTT_TLS: false,
      MQTT_BROKER_URL: "mqtt://127.0.0.1:1884",
      MQTT_PUBLIC_URL: "mqtt://partners.example.com:1884",
    });
    expect(parseEnv({ ...valid, MQTT_PORT: "0", MQTT_TLS_PORT: "8884" })).toMatchObject({
      MQTT_BROKER_URL: "mqtts://127.0.0.1:8884",
      MQTT_PUBLIC_URL: "mqtts://localhost:8884",
    });
    expect(() => parseEnv({ ...valid, MQTT_PORT: "0", MQTT_TLS_PORT: "0" })).toThrow(
      /MQTT_TLS_PORT: MQTT_PORT and MQTT_TLS_PORT are both 0/,
    );
    expect(() => parseEnv({ ...valid, MQTT_PORT: "8883" })).toThrow(/MQTT_TLS_PORT must differ from MQTT_PORT/);
  });

  it("makes hub_url_static_cert the portal's own HTTPS device API when DEVICE_API_TLS_PORT is set", () => {
    expect(parseEnv({ ...valid, PUBLIC_URL: "https://partners.example.com" })).toMatchObject({
      DEVICE_API_URL: "https://partners.example.com",
      DEVICE_API_STATIC_CERT_URL: "https://partners.example.com",
    });
    const tls = parseEnv({ ...valid, PUBLIC_URL: "https://partners.example.com", DEVICE_API_TLS_PORT: "8443" });
    expect(tls.DEVICE_API_STATIC_CERT_URL).toBe("https://partners.example.com:8443");
    expect(() => parseEnv({ ...valid, DEVICE_API_TLS_PORT: "8443", MQTT_TLS_PORT: "0" })).toThrow(
      /DEVICE_API_TLS_PORT: DEVICE_API_TLS_PORT serves the hub's TLS certificate/,
    );
  });

  it("takes the TLS certificate and key together, and a CA only with them", () => {
    expect(() => parseEnv({ ...valid, MQTT_TLS_CERT_FILE: "hub.pem" })).toThrow(
      /MQTT_TLS_KEY_FILE: MQTT_TLS_CERT_FILE and MQTT_TLS_KEY_FILE go together/,
    );
    expect(() => parseEnv({ ...valid, MQTT_TLS_CA_FILE: "ca.pem" })).toThrow(/MQTT_TLS_CA_FILE: MQTT_TLS_CA_FILE is/);
    expect(
      parseEnv({ ...valid, MQTT_TLS_CERT_FILE: "hub.pem", MQTT_TLS_KEY_FILE: "hub.key", MQTT_TLS_CA_FILE: "ca.pem" }),
    ).toMatchObject({ MQTT_TLS_CERT_FILE: "hub.pem", MQTT_TLS_KEY_FILE: "hub.key", MQTT_TLS_CA_FILE: "ca.pem" });
  });

  it("refuses the removed external mode with what to use instead, and any other mode by name", () => {
    const external = { ...valid, HUB_MODE: "external", MQTT_EXTERNAL_URL: "mqtts://broker.example.com:8883" };
    expect(() => parseEnv(external)).toThrow(
      /^ {2}HUB_MODE: HUB_MODE=external was removed: use "emqx" .*, or "embedded"$/m,
    );
    expect(() => parseEnv({ ...valid, HUB_MODE: "mosquitto" })).toThrow(/HUB_MODE: must be "embedded" or "emqx"/);
  });

  it("lets an EMQX cluster ask the portal only with a shared secret, and the management API only with its key", () => {
    expect(() => parseEnv({ ...valid, HUB_MODE: "emqx" })).toThrow(
      /MQTT_EXTERNAL_URL: MQTT_EXTERNAL_URL is required when HUB_MODE is "emqx"/,
    );
    const emqx = { ...valid, HUB_MODE: "emqx", MQTT_EXTERNAL_URL: "mqtt://emqx.internal:1883" };
    expect(() => parseEnv(emqx)).toThrow(/HUB_AUTH_SECRET: HUB_AUTH_SECRET is required when HUB_MODE is "emqx"/);
    expect(() =>
      parseEnv({ ...emqx, HUB_AUTH_SECRET: "c".repeat(32), EMQX_API_URL: "http://emqx.internal:18083" }),
    ).toThrow(/EMQX_API_KEY and EMQX_API_SECRET are required/);
    const env = parseEnv({
      ...emqx,
      HUB_AUTH_SECRET: "c".repeat(32),
      MQTT_PUBLIC_URL: "mqtts://mqtt.example.com:8883",
    });
    expect(env).toMatchObject({
      MQTT_BROKER_URL: "mqtt://emqx.internal:1883",
      MQTT_PUBLIC_URL: "mqtts://mqtt.example.com:8883",
    });
  });

  it("trusts X-Forwarded-For only from the listed proxies, and names a bad entry", () => {
    expect(parseEnv(valid).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8, fd00::/8" }).TRUSTED_PROXIES).toEqual([
      "10.0.0.0/8",
      "fd00::/8",
    ]);
    expect(() => parseEnv({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8, lb.internal" })).toThrow(
      /TRUSTED_PROXIES: "lb.internal" is not an IPv4 or IPv6 address or CIDR range/,
    );
  });

  it(".env.example documents every variable", () => {
    const example = readFileSync(".env.example", "utf8");
    const missing = ENV_NAMES.filter((name) => name !== "NODE_ENV" && !new RegExp(`^#? ?${name}=`, "m").test(example));
    expect(missing).toEqual([]);
  });
});
