// Resident memory of every process in soak.bench.ts, every 5 s: the portal
// (with its JS heap in use, from its /metrics), the broker, the fleet's
// child process and the benchmark itself (the attacker's and the checks'
// clients live there).
import { readFileSync } from "node:fs";

type Sample = {
  at: number;
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

export function watchMemory(options: {
  portal: () => { pid: number; baseUrl: string };
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
  const take = async () => {
    const { pid, baseUrl } = options.portal();
    samples.push({
      at: performance.now(),
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
    take,
    stop: () => clearInterval(timer),
    /**
     * Each portal process's growth, from its first reading at least
     * `warmUpMs` after its first one to its last: the first minute of a
     * process compiles its code paths and fills its caches once (the
     * hub's credential map, the pool of admitted credentials), which is
     * start-up, not growth over the run.
     */
    portalGrowth(warmUpMs: number) {
      const pids = [...new Set(samples.map((sample) => sample.portalPid))];
      return pids.map((pid) => {
        const own = samples.filter((sample) => sample.portalPid === pid && Number.isFinite(sample.portal));
        const first = own[0];
        const from = own.find((sample) => first && sample.at - first.at >= warmUpMs) ?? own.at(-1);
        const to = own.at(-1);
        return { pid, from, to, growth: from && to ? to.portal - from.portal : NaN };
      });
    },
    /** The largest reading of one process kind over the run. */
    peak: (kind: "broker" | "fleet" | "bench") =>
      Math.max(...samples.map((sample) => sample[kind]).filter(Number.isFinite)),
  };
}
