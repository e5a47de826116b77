"use client";

import { useState, type FormEvent } from "react";
import type { MqttClient, Packet } from "mqtt";
import { reasonName } from "@/lib/mqtt/reason-codes";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";

/**
 * Publishes as the device. The topic starts under the device's prefix; any
 * other topic is sent too, so the hub's refusal (PUBACK 135) can be seen.
 */
export function PublishForm({ client, deviceId }: { client: MqttClient; deviceId: string }) {
  const [topic, setTopic] = useState(`v1/device/${deviceId}/telemetry`);
  const [payload, setPayload] = useState('{"temperature": 21.5}');
  const [qos, setQos] = useState<0 | 1 | 2>(1);
  const [isRetained, setIsRetained] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function publish(event: FormEvent) {
    event.preventDefault();
    const t0 = performance.now();
    let ack: number | undefined;
    const onPacket = (packet: Packet) => {
      if (packet.cmd === "puback" || packet.cmd === "pubrec") ack = packet.reasonCode ?? 0;
    };
    client.on("packetreceive", onPacket);
    try {
      await client.publishAsync(topic, payload, { qos, retain: isRetained });
    } catch {
      // MQTT.js rejects on a failure reason code; the code itself is what is shown.
    }
    client.off("packetreceive", onPacket);
    const ms = Math.round(performance.now() - t0);
    if (qos === 0) setResult({ ok: true, text: `Sent at QoS 0 in ${ms} ms (QoS 0 gets no acknowledgement; a refused one is dropped silently)` });
    else setResult({ ok: (ack ?? 0) < 128, text: `${qos === 1 ? "PUBACK" : "PUBREC"} ${ack ?? 0} ${reasonName(ack ?? 0)} in ${ms} ms` });
  }

  return (
    <form onSubmit={(event) => void publish(event)} aria-label="Publish as the device" className="mt-4 space-y-2 rounded-lg border border-slate-200 p-3">
      <h3 className="text-sm font-semibold text-slate-900">Publish as the device</h3>
      <div className="flex flex-wrap gap-2">
        <label className="min-w-72 flex-1 text-xs text-slate-600">
          Topic
          <Input value={topic} onChange={(event) => setTopic(event.target.value)} className="mt-1 font-mono" />
        </label>
        <label className="text-xs text-slate-600">
          QoS
          <NativeSelect value={qos} onChange={(event) => setQos(Number(event.target.value) as 0 | 1 | 2)} className="mt-1">
            <option value={0}>0</option>
            <option value={1}>1</option>
            <option value={2}>2</option>
          </NativeSelect>
        </label>
        <label className="flex items-end gap-1 pb-2 text-xs text-slate-600">
          <input type="checkbox" checked={isRetained} onChange={(event) => setIsRetained(event.target.checked)} /> Retain
        </label>
      </div>
      <label className="block text-xs text-slate-600">
        Payload
        <Textarea value={payload} onChange={(event) => setPayload(event.target.value)} rows={2} className="mt-1" />
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm">
          Publish
        </Button>
        {result ? (
          <p role="status" className={`text-sm ${result.ok ? "text-emerald-700" : "text-red-700"}`}>
            {result.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}
