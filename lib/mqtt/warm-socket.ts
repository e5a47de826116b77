// The live check's WebSocket, opened ahead of the click. Opening it is most of
// a check's time on loopback (the upgrade through the portal and the relay's
// TCP connection to the broker), and none of it depends on the key: the
// socket carries nothing until the check sends CONNECT on it, and the broker
// attributes nothing to it before then. So the panel opens one when the
// partner is about to check (the key field or the Connect button gets focus
// or the pointer, or a check just ended) and the check takes it.

/** An unused socket is closed after this long: an idle page holds no connection. */
export const WARM_SOCKET_IDLE_MS = 20_000;

export type WarmSocket = { socket: WebSocket; openedAt: number | null };

/** One warm socket at a time, for one URL. */
export class WarmSockets {
  private warm: { url: string; entry: WarmSocket; timer: ReturnType<typeof setTimeout> } | null = null;

  /** Opens a socket to `url` unless one is already open or opening there. */
  prepare(url: string): void {
    if (this.warm?.url === url && this.warm.entry.socket.readyState <= WebSocket.OPEN) return;
    this.discard();
    const socket = new WebSocket(url, ["mqtt"]);
    socket.binaryType = "arraybuffer";
    const entry: WarmSocket = { socket, openedAt: null };
    socket.addEventListener("open", () => (entry.openedAt = performance.now()), { once: true });
    const timer = setTimeout(() => this.discard(), WARM_SOCKET_IDLE_MS);
    this.warm = { url, entry, timer };
  }

  /** The warm socket for `url` if it is open or opening (the caller now owns it), else null. */
  take(url: string): WarmSocket | null {
    const warm = this.warm;
    this.warm = null;
    if (!warm) return null;
    clearTimeout(warm.timer);
    if (warm.url === url && warm.entry.socket.readyState <= WebSocket.OPEN) return warm.entry;
    warm.entry.socket.close();
    return null;
  }

  /** Closes the unused socket, if any (the page leaves, or it idled). */
  discard(): void {
    if (!this.warm) return;
    clearTimeout(this.warm.timer);
    this.warm.entry.socket.close();
    this.warm = null;
  }
}
