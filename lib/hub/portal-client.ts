import mqtt, { type IPublishPacket, type MqttClient } from "mqtt";
import { withTimeout } from "../runtime/with-timeout";
import type { BrokerTlsOptions } from "./broker-tls";
import { HUB_SUPERUSER } from "./credential-files";
import type { PublishOptions } from "./hub";

const PING_TOPIC = "partner-hub/portal/ping";

// Every device message the portal acts on. As shared subscriptions, so with
// several portal processes on one broker each message reaches one of them.
const DEVICE_FILTERS = ["telemetry", "commands/update", "command/update", "config/update", "license/update"].map(
  (suffix) => `$share/partner-hub/v1/device/+/${suffix}`,
);

/**
 * The portal's own MQTT v5 session with the hub: proves the broker is up,
 * confirms that a reload has been applied, receives what devices send and
 * sends to devices.
 */
export class PortalClient {
  private client: MqttClient | null = null;

  constructor(
    private readonly url: string,
    private readonly password: string,
    private readonly onDeviceMessage: (deviceId: string, suffix: string, packet: IPublishPacket) => void,
    /** Unique per portal process where several share a broker (EMQX); the embedded broker has one portal. */
    private readonly clientId: string = HUB_SUPERUSER,
    /** For an mqtts:// URL: how the broker's certificate is checked (default: Node's trust store and the URL's host). */
    private readonly tlsOptions?: () => BrokerTlsOptions,
  ) {}

  /** Connects (retrying until the broker answers) and subscribes to what devices send. */
  async connect(signal: AbortSignal, timeoutMs = 15_000): Promise<void> {
    this.close();
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline && !signal.aborted) {
      try {
        this.client = await this.tryConnect();
        break;
      } catch (error) {
        lastError = error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    if (!this.client)
      throw new Error(
        `broker did not accept the portal's connection: ${String((lastError as Error | undefined)?.message ?? "aborted")}`,
      );
    await this.client.subscribeAsync(DEVICE_FILTERS, { qos: 1 });
    this.listen(this.client);
  }

  /**
   * Connects and stays connected: MQTT.js reconnects every 2 s after a loss
   * and the subscriptions are made again on each connect. For a broker the
   * portal does not supervise (EMQX); the embedded one is probed instead.
   */
  connectAndStay(log: (message: string) => void): void {
    this.close();
    const client = mqtt.connect(this.url, { ...this.connectOptions(), reconnectPeriod: 2_000 });
    this.client = client;
    let isUp = false;
    client.on("connect", () => {
      if (!isUp) log(`portal connected to the broker as ${this.clientId}`);
      isUp = true;
      client
        .subscribeAsync(DEVICE_FILTERS, { qos: 1 })
        .catch((error: unknown) => log(`subscribing failed: ${String(error)}`));
    });
    client.on("error", (error) => {
      if (isUp) log(`portal connection: ${error.message}`);
      isUp = false;
    });
    this.listen(client);
  }

  private listen(client: MqttClient): void {
    client.on("message", (topic, _payload, packet) => {
      // v1/device/{id}/{suffix}: the broker's ACL lets a device publish under its own id only.
      const [, , id, ...suffix] = topic.split("/");
      if (id) this.onDeviceMessage(id, suffix.join("/"), packet);
    });
  }

  private connectOptions() {
    return {
      protocolVersion: 5 as const,
      username: HUB_SUPERUSER,
      password: this.password,
      clientId: this.clientId,
      connectTimeout: 2_000,
      ...this.tlsOptions?.(),
    };
  }

  /** The portal's session is up now (MQTT.js's own view: it notices a lost broker at the socket's close). */
  get isConnected(): boolean {
    return this.client?.connected === true;
  }

  /** One QoS 1 round trip: when its PUBACK arrives, everything sent to the broker before it has been handled. */
  async roundTrip(timeoutMs = 5_000): Promise<void> {
    const client = this.client;
    if (!client?.connected) throw new Error("portal client not connected");
    await withTimeout(
      client.publishAsync(PING_TOPIC, "", { qos: 1 }),
      timeoutMs,
      () => new Error("broker did not answer"),
    );
  }

  async publish(topic: string, payload: string, properties?: PublishOptions): Promise<void> {
    if (!this.client?.connected) throw new Error("portal client not connected");
    await this.client.publishAsync(topic, payload, { qos: 1, ...(properties ? { properties } : {}) });
  }

  close(): void {
    this.client?.end(true);
    this.client = null;
  }

  private tryConnect(): Promise<MqttClient> {
    return new Promise((resolve, reject) => {
      const client = mqtt.connect(this.url, { ...this.connectOptions(), reconnectPeriod: 0 });
      client.once("connect", () => {
        client.removeAllListeners("error");
        // After a broker restart the supervisor reconnects us; errors are logged by the hub.
        client.on("error", () => undefined);
        resolve(client);
      });
      client.once("error", (error) => {
        client.end(true);
        reject(error);
      });
      client.once("close", () => reject(new Error("connection closed")));
    });
  }
}
