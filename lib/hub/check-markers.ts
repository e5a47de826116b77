// The live check's telemetry: {"status":"online","telemetries":{},"check":"partner-hub-check-<random>"}.
const CHECK_MARKER = /"check":"(partner-hub-check-[a-z0-9]+)"/;

/**
 * Remembers the last few live-check markers each device sent, and wakes the
 * portal's waiting check the moment its marker arrives. Event-driven, not
 * polled: the check's last step is on the partner's clock.
 */
export class CheckMarkers {
  private readonly seen = new Map<string, string[]>();
  private readonly waiting = new Map<string, Set<() => void>>();

  /** Notes a device's telemetry; only its first 200 bytes can hold a marker. */
  record(deviceId: string, payload: Uint8Array): void {
    const marker = CHECK_MARKER.exec(Buffer.from(payload.subarray(0, 200)).toString())?.[1];
    if (!marker) return;
    this.seen.set(deviceId, [marker, ...(this.seen.get(deviceId) ?? [])].slice(0, 5));
    for (const wake of this.waiting.get(`${deviceId} ${marker}`) ?? []) wake();
  }

  /** True once `marker` arrived from `deviceId`; false after `timeoutMs` or when `signal` aborts. */
  waitFor(deviceId: string, marker: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.seen.get(deviceId)?.includes(marker)) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    const key = `${deviceId} ${marker}`;
    return new Promise((resolve) => {
      const finish = (isSeen: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        const wakers = this.waiting.get(key);
        wakers?.delete(onSeen);
        if (wakers?.size === 0) this.waiting.delete(key);
        resolve(isSeen);
      };
      const onSeen = () => finish(true);
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(false), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.set(key, (this.waiting.get(key) ?? new Set()).add(onSeen));
    });
  }
}
