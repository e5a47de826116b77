import Link from "next/link";
import type { ModelRow } from "@/lib/server/data/models/find-models";
import { DEVICE_TYPE_LABELS } from "@/lib/schemas/model";
import { ProtocolBadge } from "@/components/model-form/protocol-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { DateTime } from "@/components/ui/date-time";

export function ModelsTable({ models }: { models: ModelRow[] }) {
  return (
    <Table aria-label="Models">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Model ID</Th>
          <Th>Protocol</Th>
          <Th>Device type</Th>
          <Th className="text-right">Devices</Th>
          <Th>Created</Th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => (
          <tr key={model.id} className="hover:bg-slate-50">
            <Td>
              <Link href={`/models/${model.id}`} className="font-medium text-brand-700 hover:underline">
                {model.name}
              </Link>
              {model.sku ? <span className="block text-xs text-slate-500">SKU {model.sku}</span> : null}
            </Td>
            <Td className="font-mono text-xs text-slate-600">{model.id}</Td>
            <Td>
              <ProtocolBadge protocol={model.communicationProtocol} />
            </Td>
            <Td>{DEVICE_TYPE_LABELS[model.deviceType]}</Td>
            <Td className="text-right tabular-nums">{model._count.devices.toLocaleString("en-US")}</Td>
            <Td className="text-slate-600">
              <DateTime value={model.createdAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
