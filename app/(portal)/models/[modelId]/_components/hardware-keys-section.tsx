import { KeyRoundIcon } from "lucide-react";
import type { HardwareKeyRow } from "@/lib/server/data/hardware-keys/find-hardware-keys";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";
import { CreateHardwareKeyDialog } from "./create-hardware-key-dialog";
import { RevokeHardwareKeyButton } from "./revoke-hardware-key-button";

/** The model's hardware keys: firmware sends one as `hardware_key` to register. */
export function HardwareKeysSection({
  modelId,
  keys,
  isWriter,
}: {
  modelId: string;
  keys: HardwareKeyRow[];
  isWriter: boolean;
}) {
  return (
    <section aria-labelledby="hardware-keys" className="mt-8">
      <div className="mb-3 flex items-end justify-between gap-4">
        <div>
          <h2 id="hardware-keys" className="text-lg font-semibold text-slate-900">
            Hardware keys
          </h2>
          <p className="text-sm text-slate-600">
            Firmware sends a hardware key when it registers a device. Use one key per production batch, and revoke it
            when the batch is done.
          </p>
        </div>
        {isWriter ? <CreateHardwareKeyDialog modelId={modelId} /> : null}
      </div>
      {keys.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-600">
          <KeyRoundIcon aria-hidden className="mx-auto mb-2 size-5 text-slate-400" />
          No hardware keys yet. Create one to let devices of this model register.
        </div>
      ) : (
        <Table aria-label="Hardware keys">
          <thead>
            <tr>
              <Th>Label</Th>
              <Th>Key</Th>
              <Th>Created</Th>
              <Th className="text-right">Devices registered</Th>
              <Th>Status</Th>
              {isWriter ? <Th className="sr-only">Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} data-key-id={key.id}>
                <Td className="font-medium text-slate-900">{key.label}</Td>
                <Td className="font-mono text-xs text-slate-600" aria-label="Key (masked)">
                  {key.keyPrefix}
                  {"•".repeat(12)}
                </Td>
                <Td className="text-slate-600">
                  <DateTime value={key.createdAt} />
                </Td>
                <Td className="text-right tabular-nums">
                  {key._count.devices.toLocaleString("en-US")}
                  {key.expectedDevices ? (
                    <span className="text-slate-500"> / {key.expectedDevices.toLocaleString("en-US")}</span>
                  ) : null}
                </Td>
                <Td>
                  {key.revokedAt ? (
                    <Badge tone="red" title={key.revokedAt.toISOString()}>
                      Revoked
                    </Badge>
                  ) : (
                    <Badge tone="green">Active</Badge>
                  )}
                </Td>
                {isWriter ? (
                  <Td className="text-right">
                    {key.revokedAt ? null : <RevokeHardwareKeyButton keyId={key.id} label={key.label} />}
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
