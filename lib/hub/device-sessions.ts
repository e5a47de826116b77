import { isDeviceTopic } from "../mqtt/device-topics";

type Session = { seq: number; isConnected: boolean; isPersistent: boolean; filters: Set<string> };

/**
 * What the embedded broker holds for each device, as its log tells: whether
 * it is connected and which of its own topic filters it subscribed to. A
 * session with clean start off keeps its subscriptions across reconnects,
 * as the broker does. Filters outside the device's prefix are refused by the
 * broker's ACL and are not kept.
 */
export class DeviceSessions {
  private readonly sessions = new Map<string, Session>();
  private seq = 0;

  connected(deviceId: string, cleanStart: boolean): void {
    const previous = this.sessions.get(deviceId);
    const filters = !cleanStart && previous ? previous.filters : new Set<string>();
    this.sessions.set(deviceId, { seq: ++this.seq, isConnected: true, isPersistent: !cleanStart, filters });
  }

  disconnected(deviceId: string): void {
    const session = this.sessions.get(deviceId);
    if (!session) return;
    if (session.isPersistent) session.isConnected = false;
    else this.sessions.delete(deviceId);
  }

  /** Records a subscription; false if it is not one of the device's own filters. */
  subscribed(deviceId: string, filter: string): boolean {
    const session = this.sessions.get(deviceId);
    if (!session || !isDeviceTopic(deviceId, filter)) return false;
    session.filters.add(filter);
    return true;
  }

  unsubscribed(deviceId: string, filter: string): void {
    this.sessions.get(deviceId)?.filters.delete(filter);
  }

  /** The device's session: a number that changes with every new connection, and its filters. */
  of(deviceId: string): { seq: number; filters: readonly string[] } | undefined {
    const session = this.sessions.get(deviceId);
    return session ? { seq: session.seq, filters: [...session.filters] } : undefined;
  }

  /** After a broker restart nothing survives that the devices do not redo. */
  clear(): void {
    this.sessions.clear();
  }
}
