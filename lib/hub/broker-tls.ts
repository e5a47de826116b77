import { readFileSync } from "node:fs";
import { checkServerIdentity, type PeerCertificate } from "node:tls";

/** What the portal's own TLS connections to the broker are checked with (tls.connect options). */
export type BrokerTlsOptions = {
  ca?: Buffer;
  checkServerIdentity: (host: string, cert: PeerCertificate) => Error | undefined;
};

/**
 * For the portal's own connections to its broker over loopback when the
 * broker has no plain listener: the chain is checked against the hub's CA
 * (or the system's trust store when a public CA signed the certificate), and
 * the name against the public host the certificate was made for, since it
 * need not cover 127.0.0.1. Called at each connect: the CA may be made after
 * the relay starts (on the hub's first start) and renewed later.
 */
export function loopbackTlsOptions(caFile: string | null, certificateHost: string): BrokerTlsOptions {
  const host = certificateHost.replace(/^\[(.*)\]$/, "$1");
  return {
    ...(caFile ? { ca: readFileSync(caFile) } : {}),
    checkServerIdentity: (_connectedTo, cert) => checkServerIdentity(host, cert),
  };
}
