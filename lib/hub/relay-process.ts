import { fork, type ChildProcess } from "node:child_process";
import type { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { TLSSocket } from "node:tls";
import { fileURLToPath } from "node:url";
import { logger } from "../runtime/logger";

// The /mqtt relay in a process of its own. In the portal's process, every
// relayed packet waits behind whatever the event loop is doing: a database
// write for the very connect, subscription or telemetry being relayed, a page
// render. Measured on the live check (bench/live-check.bench.ts), CONNECT →
// CONNACK and SUBSCRIBE → SUBACK took 10–50 ms through the portal's process
// against ~1 ms for the broker itself. The portal parses the upgrade request
// and hands the socket over (Node passes the descriptor over IPC); from then
// on the relay process owns the connection, and the portal's event loop
// carries none of its bytes.

/** What the relay process gets with each socket: the upgrade request, and bytes already read after it. */
export type HandedUpgrade = {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  head: string;
};

const ENTRY = fileURLToPath(new URL("./relay-process-main.ts", import.meta.url));
const RESPAWN_MS = 1_000;

export class MqttRelayProcess {
  private child: ChildProcess | null = null;
  private ready: ChildProcess | null = null;
  private isStopped = false;
  private readyWaiters: (() => void)[] = [];

  /** `brokerUrl`: where to relay (the portal's MQTT_BROKER_URL); the rest of the configuration is the portal's environment. */
  constructor(private readonly brokerUrl: string) {
    this.spawn();
  }

  private spawn(): void {
    // Run as TypeScript through tsx, as server.ts is.
    const child = fork(ENTRY, [this.brokerUrl], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child = child;
    child.on("message", (message) => {
      if (message !== "ready") return;
      this.ready = child;
      for (const resolve of this.readyWaiters.splice(0)) resolve();
    });
    child.on("error", (error) => logger("relay").warn({ err: error }, "the relay process failed"));
    child.on("exit", (code, signal) => {
      if (this.ready === child) this.ready = null;
      if (this.isStopped) return;
      // Meanwhile the portal relays in its own process: a browser sees no gap.
      logger("relay").warn(`the relay process ended (${signal ?? `exit ${code}`}); starting it again`);
      setTimeout(() => !this.isStopped && this.spawn(), RESPAWN_MS).unref();
    });
  }

  /**
   * Hands the upgrade's socket to the relay process; false (and the socket is
   * untouched) when it cannot: not started yet, or a TLS socket, whose
   * session lives in this process.
   */
  handOff(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const child = this.ready;
    if (!child?.connected || !(socket instanceof Socket) || socket instanceof TLSSocket) return false;
    // This process must read nothing more from the socket: the browser's
    // first packets would be read here and lost with this copy of it. Node
    // keeps reading after an upgrade until its buffer fills and has no public
    // call to stop that (net.Server's pauseOnConnect is for new connections).
    (socket as Socket & { _handle?: { readStop?: () => number } })._handle?.readStop?.();
    const unread = socket.read() as Buffer | null;
    const upgrade: HandedUpgrade = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      head: (unread ? Buffer.concat([head, unread]) : head).toString("base64"),
    };
    child.send(upgrade, socket, (error) => {
      if (error) socket.destroy();
    });
    return true;
  }

  /** Resolves once a relay process takes sockets (tests; the portal does not wait: it relays itself until then). */
  whenReady(): Promise<void> {
    return this.ready?.connected ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** The relay process's pid while it takes sockets. */
  get pid(): number | undefined {
    return this.ready?.pid;
  }

  stop(): void {
    this.isStopped = true;
    this.child?.kill("SIGTERM");
  }
}
