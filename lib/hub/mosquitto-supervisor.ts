import { spawn, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { accessSync, constants, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

export class MosquittoNotInstalledError extends Error {
  constructor() {
    super(
      "mosquitto is not installed: run `sudo apt-get install -y mosquitto` (or `bash scripts/setup.sh`), or set MOSQUITTO_BIN.",
    );
    this.name = "MosquittoNotInstalledError";
  }
}

/** Finds the broker binary; Debian puts it in /usr/sbin, often not on a user's PATH. */
export function findMosquitto(explicit?: string): string {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin"];
  const candidates = explicit ? [explicit] : dirs.filter(Boolean).map((dir) => path.join(dir, "mosquitto"));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new MosquittoNotInstalledError();
}

type Options = {
  bin: string;
  configPath: string;
  pidPath: string;
  /** Runs before every (re)start: writes the config and credential files. */
  prepare: () => Promise<void>;
  /** Resolves once the broker accepts the portal's own connection. */
  probe: (signal: AbortSignal) => Promise<void>;
  log: (message: string) => void;
};

const BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000];

// Reads its stdin as it comes and writes it to stdout without ever waiting:
// fd 1 as a socket is written asynchronously, holding what the reader has
// not taken yet (process.stdout on a pipe writes synchronously on Linux).
const LOG_RELAY_SOURCE = `
const out = new (require("node:net").Socket)({ fd: 1, readable: false, writable: true });
out.on("error", () => process.exit(0));
process.stdin.on("data", (chunk) => out.write(chunk));
process.stdin.on("end", () => out.end());
`;

/**
 * A small process between the broker's log and this one. Mosquitto writes
 * each log line with a blocking write and stops everything else meanwhile,
 * so when it wrote straight to this process, every stall of this process's
 * thread (module loading at start, a synchronous SQLite write of thousands
 * of presence rows) stalled the broker too: with 5,000 devices reconnecting
 * after a kill it sat blocked on that write in 78 of 120 samples, and the
 * fleet took 22-44 s to come back. The relay reads at once and holds the
 * backlog instead, so devices connect at the broker's own pace.
 */
function spawnLogRelay(useSetpriv: boolean): ChildProcess {
  const node = [process.execPath, "-e", LOG_RELAY_SOURCE];
  const [command, ...args] = useSetpriv ? ["/usr/bin/setpriv", "--pdeathsig", "KILL", "--", ...node] : node;
  // Without NODE_OPTIONS: the relay needs no loader, and an --inspect there would take the portal's port.
  return spawn(command!, args, { stdio: ["pipe", "pipe", "ignore"], env: { ...process.env, NODE_OPTIONS: "" } });
}
const HEALTHY_AFTER_MS = 30_000;

/**
 * Runs Mosquitto as a child process for as long as the portal runs: restarts
 * it with back-off when it dies, and never leaves one behind. The child is
 * started under `setpriv --pdeathsig KILL`, so the kernel kills it even if the
 * portal itself is killed with SIGKILL.
 *
 * Events: "line" (each broker log line), "ready" (after each successful start, with the launch time).
 */
export class MosquittoSupervisor extends EventEmitter {
  private child: ChildProcess | null = null;
  private isStopping = false;
  private isReady = false;
  private restarts = 0;
  private startedAt = 0;
  private probeAbort: AbortController | null = null;

  constructor(private readonly options: Options) {
    super();
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** True once stop() was called: the broker will not come back. */
  get isStopped(): boolean {
    return this.isStopping;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the broker and resolves when it is ready, or rejects if it cannot start. */
  async start(): Promise<void> {
    this.killStaleBroker();
    await this.launch();
  }

  /** Resolves at the next successful (re)start. */
  nextReady(): Promise<void> {
    return new Promise((resolve) => this.once("ready", resolve));
  }

  /**
   * Asks the broker to re-read its password and ACL files (SIGHUP) and resolves
   * when it has begun doing so; the reload itself completes before the broker
   * handles its next network event.
   */
  async reload(timeoutMs = 5_000): Promise<void> {
    const child = this.child;
    if (!child?.pid || !this.isReady) throw new Error("broker not running");
    await new Promise<void>((resolve, reject) => {
      const onLine = (line: string) => {
        if (!line.includes("Reloading config")) return;
        cleanup();
        resolve();
      };
      const onExit = () => {
        cleanup();
        reject(new Error("broker exited during reload"));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error("broker did not reload in time"));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off("line", onLine);
        child.off("exit", onExit);
      };
      this.on("line", onLine);
      child.once("exit", onExit);
      child.kill("SIGHUP");
    });
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    this.probeAbort?.abort();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill("SIGKILL"), 3_000);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill("SIGTERM");
    });
    rmSync(this.options.pidPath, { force: true });
  }

  private async launch(): Promise<void> {
    await this.options.prepare();
    const { bin, configPath } = this.options;
    const useSetpriv = existsSync("/usr/bin/setpriv");
    const [command, args] = useSetpriv
      ? ["/usr/bin/setpriv", ["--pdeathsig", "KILL", "--", bin, "-c", configPath]]
      : [bin, ["-c", configPath]];
    const relay = spawnLogRelay(useSetpriv);
    const child = spawn(command, args, { stdio: ["ignore", "ignore", relay.stdin!] });
    // The broker holds the only write end now: the relay ends when the broker does.
    relay.stdin!.destroy();
    const logEnded = new Promise((resolve) => relay.stdout!.once("end", resolve));
    this.child = child;
    this.startedAt = Date.now();
    const failed = new Promise<never>((_, reject) => {
      child.once("error", (error) => reject(error));
      child.once("exit", (code, signal) => {
        const error = new Error(`mosquitto exited during start-up (${signal ?? `code ${code}`})`);
        // Its last lines (why it stopped) come through the relay after its exit.
        void Promise.race([logEnded, new Promise((resolve) => setTimeout(resolve, 1_000))]).then(() => reject(error));
      });
    });
    const recent: string[] = [];
    createInterface({ input: relay.stdout! }).on("line", (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      this.emit("line", line);
    });
    child.on("exit", (code, signal) => this.onExit(child, code, signal));
    if (child.pid) writeFileSync(this.options.pidPath, `${child.pid}\n`, { mode: 0o600 });

    this.probeAbort = new AbortController();
    try {
      await Promise.race([this.options.probe(this.probeAbort.signal), failed]);
    } catch (error) {
      this.probeAbort.abort();
      child.kill("SIGKILL");
      const detail = recent.filter((l) => /error|warning/i.test(l)).join("\n  ");
      throw new Error(`${(error as Error).message}${detail ? `\n  ${detail}` : ""}`, { cause: error });
    }
    failed.catch(() => undefined);
    this.isReady = true;
    // With the launch time: sessions from before it are gone, later ones are this broker's.
    this.emit("ready", new Date(this.startedAt));
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    const wasReady = this.isReady;
    this.isReady = false;
    this.probeAbort?.abort();
    if (this.isStopping || !wasReady) return;
    if (Date.now() - this.startedAt > HEALTHY_AFTER_MS) this.restarts = 0;
    const delay = BACKOFF_MS[Math.min(this.restarts, BACKOFF_MS.length - 1)]!;
    this.restarts += 1;
    this.options.log(
      `mosquitto exited (${signal ?? `code ${code}`}); restarting in ${delay} ms (restart #${this.restarts})`,
    );
    setTimeout(() => void this.relaunch(), delay).unref();
  }

  private async relaunch(): Promise<void> {
    if (this.isStopping) return;
    try {
      await this.launch();
      this.options.log("mosquitto restarted and ready");
    } catch (error) {
      this.options.log(`mosquitto restart failed: ${(error as Error).message}`);
      this.isReady = false;
      if (!this.isStopping) setTimeout(() => void this.relaunch(), BACKOFF_MS.at(-1)).unref();
    }
  }

  /** A broker left by a portal that died before setpriv existed here, or by hand. */
  private killStaleBroker(): void {
    const { pidPath, configPath } = this.options;
    if (!existsSync(pidPath)) return;
    const pid = Number(readFileSync(pidPath, "utf8").trim());
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (cmdline.includes("mosquitto") && cmdline.includes(configPath)) process.kill(pid, "SIGKILL");
    } catch {
      // not running any more
    }
    rmSync(pidPath, { force: true });
  }
}
