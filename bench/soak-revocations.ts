// Key rotations and disables for soak.bench.ts, through the management API
// (an admin API token), at a steady rate; and an attacker that keeps trying
// every rotated-out or disabled key over MQTT. Once the API has answered a
// change, no CONNACK 0 may ever come back for the old key: an attempt that
// starts after the answer and is admitted is a violation. A new key is tried
// at once; then every old key in turn, at a bounded rate, across broker
// kills and the portal restart, until the soak ends.
import { request } from "node:http";
import { connectDevice } from "../test/support/hub";

/** isUncertain: a change sent without an answer (or with a 5xx) may or may not have been made. */
export type SoakDevice = { id: string; key: string; isDisabled?: boolean; isUncertain?: boolean };
type Revoked = { id: string; oldKey: string; kind: "rotate" | "disable"; answeredAt: number; attempts: number };

export type RevocationOptions = {
  baseUrl: () => string;
  token: string;
  mqttUrl: string;
  perSecond: number;
  /** MQTT connects the attacker makes per second, all keys together. */
  attacksPerSecond: number;
  /** The next device to change, or undefined when none is ready yet. */
  nextDevice: () => SoakDevice | undefined;
  /** True while the portal or broker is restarting: a 503 or no answer is then documented. */
  isRestarting: () => boolean;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs with a bearer token and no body; resolves with the status and the parsed JSON answer. */
function postBearer(url: string, token: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> });
        } catch {
          reject(new Error(`HTTP ${res.statusCode}: not JSON: ${text.slice(0, 200)}`));
        }
      });
    });
    req.on("error", reject);
    req.end();
  });
}

export function startRevocations(options: RevocationOptions) {
  const revoked: Revoked[] = [];
  const statuses = new Map<string, number>();
  const unexpected5xx: string[] = [];
  const violations: string[] = [];
  const attempts = { total: 0, refused: 0, unreachable: 0 };
  const count = (what: string) => statuses.set(what, (statuses.get(what) ?? 0) + 1);
  let isRunning = true;
  let changes = 0;

  async function change(device: SoakDevice): Promise<void> {
    const kind = changes++ % 2 === 0 ? "rotate" : "disable";
    const path = kind === "rotate" ? "rotate-key" : "disable";
    const oldKey = device.key;
    try {
      const { status, json } = await postBearer(
        `${options.baseUrl()}/api/v1/devices/${device.id}/${path}`,
        options.token,
      );
      count(`${status} ${kind}`);
      if (status === 200) {
        if (kind === "rotate") device.key = String(json.access_key);
        else device.isDisabled = true;
        revoked.push({ id: device.id, oldKey, kind, answeredAt: performance.now(), attempts: 0 });
      } else if (status >= 500) {
        device.isUncertain = true;
        if (!(status === 503 && options.isRestarting()))
          unexpected5xx.push(`${status} ${kind}: ${JSON.stringify(json.error)}`);
      }
    } catch (error) {
      device.isUncertain = true;
      count(options.isRestarting() ? `no connection (portal restarting) ${kind}` : `error ${kind}: ${String(error)}`);
    }
  }

  const changing = (async () => {
    const tickMs = 100;
    let owed = 0;
    const pending: Promise<void>[] = [];
    while (isRunning) {
      owed += (options.perSecond * tickMs) / 1000;
      for (; owed >= 1; owed--) {
        const device = options.nextDevice();
        if (!device) break;
        pending.push(change(device));
      }
      await sleep(tickMs);
    }
    await Promise.all(pending);
  })();

  /** The next key to try: one not tried yet first, then all in turn. */
  let cursor = 0;
  const nextTarget = (): Revoked | undefined => {
    const fresh = revoked.findLast((entry) => entry.attempts === 0);
    if (fresh) return fresh;
    if (revoked.length === 0) return undefined;
    return revoked[cursor++ % revoked.length];
  };

  async function attack(target: Revoked): Promise<void> {
    const startedAt = performance.now();
    target.attempts++;
    attempts.total++;
    const { client, reasonCode } = await connectDevice(options.mqttUrl, target.id, target.oldKey, {
      connectTimeout: 3_000,
    });
    client?.end(true);
    if (reasonCode === 0 && startedAt > target.answeredAt)
      violations.push(
        `${target.kind} of ${target.id}: old key admitted ${((startedAt - target.answeredAt) / 1000).toFixed(1)} s after the answer`,
      );
    else if (typeof reasonCode === "number" && reasonCode > 0) attempts.refused++;
    // No CONNACK at all: the broker is down (a fault), or a network error's code.
    else if (reasonCode !== 0) attempts.unreachable++;
  }

  const attacking = (async () => {
    const tickMs = 50;
    let owed = 0;
    const pending = new Set<Promise<void>>();
    while (isRunning) {
      owed += (options.attacksPerSecond * tickMs) / 1000;
      // At most 32 attempts in flight: a stalled broker must not pile them up.
      for (; owed >= 1 && pending.size < 32; owed--) {
        const target = nextTarget();
        if (!target) break;
        const attempt = attack(target).finally(() => pending.delete(attempt));
        pending.add(attempt);
      }
      owed = Math.min(owed, options.attacksPerSecond);
      await sleep(tickMs);
    }
    await Promise.all(pending);
  })();

  return {
    statuses,
    unexpected5xx,
    violations,
    attempts,
    revoked,
    /** Stops changing, then makes one last attempt with every old key. */
    async stop(): Promise<void> {
      isRunning = false;
      await Promise.all([changing, attacking]);
      for (let start = 0; start < revoked.length; start += 32)
        await Promise.all(revoked.slice(start, start + 32).map(attack));
    },
  };
}
