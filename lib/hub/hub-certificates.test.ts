import { X509Certificate } from "node:crypto";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { certificateNames, ensureGeneratedCertificates, generatedCertificateFiles } from "./hub-certificates";

const DAY_MS = 86_400_000;
const read = (file: string) => new X509Certificate(readFileSync(file));
const mode = (file: string) => statSync(file).mode & 0o777;

describe("[TLS] the hub's generated CA and server certificate", () => {
  it("are made once for the given names, chain to the CA, and are the portal user's alone", () => {
    const hubDir = mkdtempSync(path.join(tmpdir(), "hub-tls-"));
    const files = ensureGeneratedCertificates({ hubDir, names: ["hub.example.com", "localhost", "127.0.0.1"] });
    const ca = read(files.ca!);
    const server = read(files.cert);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost("hub.example.com")).toBe("hub.example.com");
    expect(server.checkHost("localhost")).toBe("localhost");
    expect(server.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(server.checkHost("other.example.com")).toBeUndefined();

    const dir = generatedCertificateFiles(hubDir).dir;
    expect(mode(dir)).toBe(0o700);
    expect(readdirSync(dir).sort()).toEqual(["ca.key", "ca.pem", "server.key", "server.pem"]);
    for (const name of readdirSync(dir)) expect(mode(path.join(dir, name))).toBe(0o600);

    // A later start reuses both, and narrows files someone loosened.
    chmodSync(files.key, 0o644);
    const again = ensureGeneratedCertificates({ hubDir, names: ["localhost", "hub.example.com", "127.0.0.1"] });
    expect(read(again.cert).serialNumber).toBe(server.serialNumber);
    expect(read(again.ca!).serialNumber).toBe(ca.serialNumber);
    expect(mode(files.key)).toBe(0o600);
  });

  it("renews the server certificate, under the same CA, when a name is new or its end is near", () => {
    const hubDir = mkdtempSync(path.join(tmpdir(), "hub-tls-"));
    const first = ensureGeneratedCertificates({ hubDir, names: ["localhost"] });
    const ca = read(first.ca!);
    const firstSerial = read(first.cert).serialNumber;

    const renamed = ensureGeneratedCertificates({ hubDir, names: ["localhost", "mqtt.example.com"] });
    const second = read(renamed.cert);
    expect(second.serialNumber).not.toBe(firstSerial);
    expect(second.checkHost("mqtt.example.com")).toBe("mqtt.example.com");
    expect(read(renamed.ca!).serialNumber).toBe(ca.serialNumber);

    const days = (new Date(second.validTo).getTime() - Date.now()) / DAY_MS;
    const nearEnd = Date.now() + (days - 10) * DAY_MS;
    const renewed = ensureGeneratedCertificates({ hubDir, names: ["localhost", "mqtt.example.com"], now: nearEnd });
    expect(read(renewed.cert).serialNumber).not.toBe(second.serialNumber);
    expect(read(renewed.cert).verify(ca.publicKey)).toBe(true);
  });

  it("names each host once, without IPv6 brackets", () => {
    expect(certificateNames(["Hub.example.com", "hub.example.com", "[::1]", "localhost", ""])).toEqual([
      "hub.example.com",
      "::1",
      "localhost",
    ]);
  });
});
