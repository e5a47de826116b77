// Resident memory of every process in soak.bench.ts, every 5 s: the portal
// (with its JS heap in use, from its /metrics), the broker, the fleet's
// child process and the benchmark itself (the attacker's and the checks'
// clients live there). A portal's growth is taken between readings made
// right after a full garbage collection, forced through its inspector:
// without one, a reading says how much garbage V8 let pile up before
// collecting (it lets the heap grow to several times what is live), not
// what the process keeps. Measured under the soak's load (50 registrations,
// 5 changes and 40 refused connects a second): heap in use grew 235 MB in
// 69 s, while two heap snapshots 45 s apart held 149.5 and 150.3 MB.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import WebSocket from "ws";

type Sample = {
  at: number;
  /** Taken right after a forced full garbage collection. */
  isSettled: boolean;
  portalPid: number;
  portal: number;
  heap: number;
  broker: number;
  fleet: number;
  bench: number;
};
export type MemoryWatch = ReturnType<typeof watchMemory>;

/** A process's resident memory in bytes; NaN once it is gone. */
function residentBytes(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? NaN : Number(kb) * 1024;
  } catch {
    return NaN;
  }
}

async function heapUsedBytes(baseUrl: string): Promise<number> {
  const text = await fetch(`${baseUrl}/metrics`).then(
    (response) => response.text(),
    () => "",
  );
  return Number(/^partner_hub_nodejs_heap_size_used_bytes (\d+)/m.exec(text)?.[1] ?? NaN);
}

/** A full garbage collection in the process whose inspector listens on `port`. */
async function collectGarbage(port: number): Promise<void> {
  const targets = (await fetch(`http://127.0.0.1:${port}/json/list`).then((response) => response.json())) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await once(socket, "open");
  const done = new Promise((resolve) =>
    socket.on("message", (data: Buffer) => (JSON.parse(data.toString()) as { id?: number }).id === 1 && resolve(null)),
  );
  socket.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" }));
  await done;
  socket.close();
}

export function watchMemory(options: {
  portal: () => { pid: number; baseUrl: string; inspectPort: number };
  brokerPid: () => number | undefined;
  fleetPid: number;
}) {
  const samples: Sample[] = [];
  // No pid file while the portal restarts.
  const brokerPid = () => {
    try {
      return options.brokerPid();
    } catch {
      return undefined;
    }
  };
  const take = async (isSettled = false) => {
    const { pid, baseUrl, inspectPort } = options.portal();
    if (isSettled) await collectGarbage(inspectPort);
    samples.push({
      at: performance.now(),
      isSettled,
      portalPid: pid,
      portal: residentBytes(pid),
      heap: await heapUsedBytes(baseUrl),
      broker: residentBytes(brokerPid()),
      fleet: residentBytes(options.fleetPid),
      bench: process.memoryUsage().rss,
    });
  };
  void take();
  const timer = setInterval(() => void take(), 5_000);
  return {
    samples,
    /** A reading right after a forced full garbage collection. */
    settle: () => take(true),
    stop: () => clearInterval(timer),
    /** Each portal process's growth, from its first settled reading to its last. */
    portalGrowth() {
      const pids = [...new Set(samples.map((sample) => sample.portalPid))];
      return pids.map((pid) => {
        const own = samples.filter((sample) => sample.portalPid === pid && sample.isSettled);
        const [from, to] = [own[0], own.at(-1)];
        return { pid, from, to, growth: from && to && from !== to ? to.portal - from.portal : NaN };
      });
    },
    /** The largest reading of one process kind over the run. */
    peak: (kind: "broker" | "fleet" | "bench") =>
      Math.max(...samples.map((sample) => sample[kind]).filter(Number.isFinite)),
  };
}
