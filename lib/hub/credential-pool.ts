/** A new device's id and access key, with the two hashes its row stores. */
export type DeviceCredentials = { id: string; accessKey: string; accessKeyHash: string; hubPasswordHash: string };

export type CredentialPoolOptions = {
  /** How many admitted credentials to keep ready at first; a refill starts below half. */
  size: number;
  /** The most it grows to when registrations outrun its refills (default 4,096). */
  maxSize?: number;
  /**
   * The registration rate a refill must keep up with: after each refill the
   * pool grows (up to 16,384) so that its half lasts twice that refill's
   * time at this rate. A refill writes and reloads the broker's whole password
   * file, which takes seconds at 800,000 devices.
   */
  coverRate?: number;
  generate: () => Promise<DeviceCredentials>;
  /** Resolves once the broker admits these credentials. */
  admit: (batch: DeviceCredentials[]) => Promise<void>;
};

/**
 * Credentials the broker already admits, waiting for the next registrations.
 * A broker reload costs tens of ms and grows with the fleet (~200 ms
 * at 100,000 devices),
 * so registration does not wait for one: it takes credentials admitted in
 * an earlier batch. Their keys exist only in this process's memory until they
 * are handed out, so nobody can connect with one that is not a device yet;
 * they go with the process and are left out of the files at the next start.
 * A reload takes longer as the fleet grows, so a pool that runs dry doubles:
 * one batch then covers the registrations that arrive during its reload.
 */
/** The most `cover` grows the pool to: pre-admitted credentials cost ~200 bytes each. */
const COVER_MAX = 16_384;
const REFILL_HEADROOM = 2;
const GENERATE_SLICE = 64;

export class CredentialPool {
  private readonly ready: DeviceCredentials[] = [];
  private refill: Promise<void> | undefined;
  private size: number;
  private grewFor: Promise<void> | undefined;

  constructor(private readonly options: CredentialPoolOptions) {
    if (options.size < 1) throw new Error("a credential pool holds at least one");
    this.size = options.size;
  }

  get targetSize(): number {
    return this.size;
  }

  /** One admitted credential; waits for a refill when none is ready (and fails with it). */
  async take(): Promise<DeviceCredentials> {
    for (;;) {
      const credentials = this.ready.pop();
      this.topUp();
      if (credentials) return credentials;
      // Once per refill that registrations had to wait for, however many waited.
      if (this.grewFor !== this.refill) {
        this.grewFor = this.refill;
        this.size = Math.min(this.size * 2, Math.max(this.options.maxSize ?? 4_096, this.options.size));
      }
      await this.refill;
    }
  }

  /**
   * Grows the pool (never past its maximum) so that its half, where a refill
   * starts, lasts `seconds` of registrations at `perSecond`: a refill is one
   * file write and one broker reload, and both grow with the fleet.
   */
  cover(seconds: number, perSecond: number): void {
    const needed = Math.ceil(2 * seconds * perSecond);
    this.size = Math.max(this.size, Math.min(needed, Math.max(COVER_MAX, this.options.size)));
  }

  /** Credentials handed out that no row took (the database refused it): still admitted, still secret. */
  giveBack(credentials: DeviceCredentials): void {
    this.ready.push(credentials);
  }

  /** Fills the pool and resolves once the broker admits it (at start: the first registrations need not wait). */
  async warmUp(): Promise<void> {
    this.topUp();
    await this.refill;
  }

  /** Starts a refill if the pool is below half and none is under way. */
  topUp(): void {
    if (this.refill || this.ready.length >= this.size / 2) return;
    this.refill = this.fill().finally(() => (this.refill = undefined));
    // A failed refill is reported to the takers waiting on it; nobody else needs it.
    this.refill.catch(() => undefined);
  }

  private async fill(): Promise<void> {
    const startedAt = performance.now();
    const count = Math.max(1, this.size - this.ready.length);
    // A slice at a time: thousands at once queued their hashes and callbacks
    // ahead of everything else, and every registration in flight waited
    // (~700 ms for 7,000 at 800,000 devices).
    const fresh: DeviceCredentials[] = [];
    for (let start = 0; start < count; start += GENERATE_SLICE) {
      const slice = Math.min(GENERATE_SLICE, count - start);
      fresh.push(...(await Promise.all(Array.from({ length: slice }, () => this.options.generate()))));
    }
    await this.options.admit(fresh);
    this.ready.push(...fresh);
    // Twice this refill's time: the next may meet more load (at 800,000
    // devices one took 6.6 s, the next 9.2 s, under the same registrations).
    if (this.options.coverRate)
      this.cover((REFILL_HEADROOM * (performance.now() - startedAt)) / 1000, this.options.coverRate);
  }
}
