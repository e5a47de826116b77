import { execFileSync } from "node:child_process";
import { randomBytes, X509Certificate } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { ownerOnlyContents, ownerOnlyFolder } from "../owner-only";

/** The files a TLS listener is configured with; `ca` is what devices pin (null: a public CA signed the certificate). */
export type HubCertificateFiles = { cert: string; key: string; ca: string | null };

/** Where the portal keeps the local CA and the server certificate it made: HUB_DATA_DIR/tls. */
export const generatedCertificateFiles = (hubDir: string) => {
  const dir = path.join(path.resolve(hubDir), "tls");
  return {
    dir,
    caKey: path.join(dir, "ca.key"),
    ca: path.join(dir, "ca.pem"),
    key: path.join(dir, "server.key"),
    cert: path.join(dir, "server.pem"),
  };
};

const DAY_MS = 86_400_000;
// Firmware pins the CA, so it lives long; the server certificate is renewed
// by the portal itself and can be shorter (825 days is what Apple's TLS
// clients still accept for a private CA's leaf).
const CA_DAYS = 7_300;
const SERVER_DAYS = 825;
/** A certificate with less than this left is renewed at the next start. */
const RENEW_BEFORE_MS = 30 * DAY_MS;

const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function openssl(args: string[]): void {
  try {
    execFileSync("openssl", args, { stdio: "pipe" });
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: Buffer };
    if (code === "ENOENT")
      throw new Error(
        "openssl is not installed: run `sudo apt-get install -y openssl`, or set MQTT_TLS_CERT_FILE and MQTT_TLS_KEY_FILE",
        { cause: error },
      );
    throw new Error(`openssl ${args[0]} failed: ${stderr?.toString().trim() ?? String(error)}`, { cause: error });
  }
}

// The files live in HUB_DATA_DIR, decided at run time: nothing for the
// bundler's file tracing to follow (turbopackIgnore below).
const exists = (file: string) => existsSync(/*turbopackIgnore: true*/ file);

const readCertificate = (file: string): X509Certificate | null => {
  try {
    return new X509Certificate(readFileSync(file));
  } catch {
    return null;
  }
};

const lastsUntil = (cert: X509Certificate, at: number) => new Date(cert.validTo).getTime() - RENEW_BEFORE_MS > at;

const covers = (cert: X509Certificate, name: string) =>
  isIP(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name) !== undefined;

/** The names a certificate for these hosts must carry, IPv6 brackets removed, each once. */
export function certificateNames(hosts: readonly string[]): string[] {
  return [...new Set(hosts.map((host) => host.replace(/^\[(.*)\]$/, "$1").toLowerCase()).filter(Boolean))];
}

/**
 * A local CA and a server certificate it signed for `names`, in HUB_DATA_DIR/tls
 * (folder 0700, files 0600). Made with the openssl CLI on the first start;
 * reused after, and renewed when a name is missing or less than 30 days are
 * left (the CA itself only when it nears its own end, since firmware pins it).
 * ECDSA P-256 keys: fast to make and supported by mbedTLS, OpenSSL and browsers.
 */
export function ensureGeneratedCertificates(options: {
  hubDir: string;
  names: readonly string[];
  /** The time to judge expiry by (tests move it). */
  now?: number;
  log?: (message: string) => void;
}): HubCertificateFiles {
  const files = generatedCertificateFiles(options.hubDir);
  const now = options.now ?? Date.now();
  const names = certificateNames(options.names);
  ownerOnlyFolder(files.dir);
  ownerOnlyContents(files.dir);

  let ca = readCertificate(files.ca);
  if (!ca || !exists(files.caKey) || !lastsUntil(ca, now)) {
    makeCa(files);
    options.log?.(`made a local CA for the hub's TLS listener: ${files.ca}`);
    ca = readCertificate(files.ca)!;
  }
  const server = readCertificate(files.cert);
  const isCurrent =
    server &&
    exists(files.key) &&
    server.verify(ca.publicKey) &&
    lastsUntil(server, now) &&
    names.every((name) => covers(server, name));
  if (!isCurrent) {
    makeServerCertificate(files, names);
    options.log?.(`made the hub's TLS certificate for ${names.join(", ")}`);
  }
  return { cert: files.cert, key: files.key, ca: files.ca };
}

function makeCa(files: ReturnType<typeof generatedCertificateFiles>): void {
  const [key, cert] = [`${files.caKey}.new`, `${files.ca}.new`];
  openssl([
    "req",
    "-x509",
    ...EC_KEY,
    "-keyout",
    key,
    "-out",
    cert,
    "-days",
    String(CA_DAYS),
    "-subj",
    `/O=Partner Hub/CN=Partner Hub local CA ${randomBytes(4).toString("hex")}`,
    "-addext",
    "basicConstraints=critical,CA:TRUE,pathlen:0",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  ownerOnlyContents(files.dir);
  renameSync(key, files.caKey);
  renameSync(cert, files.ca);
  // A server certificate of the old CA no longer verifies: it is made again.
  rmSync(/*turbopackIgnore: true*/ files.cert, { force: true });
}

function makeServerCertificate(files: ReturnType<typeof generatedCertificateFiles>, names: readonly string[]): void {
  const [key, csr, ext, cert] = ["server.key.new", "server.csr", "server.ext", "server.pem.new"].map((name) =>
    path.join(/*turbopackIgnore: true*/ files.dir, name),
  ) as [string, string, string, string];
  const altNames = names.map((name) => (isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(",");
  writeFileSync(
    ext,
    [
      `subjectAltName=${altNames}`,
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature",
      "extendedKeyUsage=serverAuth",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  try {
    openssl(["req", ...EC_KEY, "-keyout", key, "-out", csr, "-subj", `/O=Partner Hub/CN=${names[0] ?? "localhost"}`]);
    openssl([
      "x509",
      "-req",
      "-in",
      csr,
      "-CA",
      files.ca,
      "-CAkey",
      files.caKey,
      "-set_serial",
      `0x${randomBytes(16).toString("hex")}`,
      "-days",
      String(SERVER_DAYS),
      "-extfile",
      ext,
      "-out",
      cert,
    ]);
    ownerOnlyContents(files.dir);
    renameSync(key, files.key);
    renameSync(cert, files.cert);
  } finally {
    rmSync(csr, { force: true });
    rmSync(ext, { force: true });
  }
}
