import { FileTextIcon } from "lucide-react";
import type { DumpRow } from "@/lib/server/data/dumps/dump-rows";
import { formatBytes } from "@/lib/format-bytes";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";
import { DeleteDumpButton } from "./delete-dump-button";

/** Files the device uploaded (Xyte's dumps): logs and core dumps, to download. */
export function DumpsSection({
  deviceId,
  dumps,
  canDelete,
}: {
  deviceId: string;
  dumps: DumpRow[];
  canDelete: boolean;
}) {
  return (
    <section aria-labelledby="dumps" className="mt-8">
      <h2 id="dumps" className="text-lg font-semibold text-slate-900">
        Dumps
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Files the firmware uploads with{" "}
        <code>POST /v1/devices/&#123;id&#125;/dumps/&#123;mime_type&#125;/&#123;filename&#125;</code> and appends to
        with <code>PUT …/dumps/&#123;dump_id&#125;</code>. Send the <code>dump</code> command below to ask for one.
      </p>
      {dumps.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-slate-500">
          <FileTextIcon aria-hidden className="size-4 text-slate-400" /> No dumps yet.
        </p>
      ) : (
        <Table aria-label="Dumps">
          <thead>
            <tr>
              <Th>File</Th>
              <Th>Type</Th>
              <Th className="text-right">Size</Th>
              <Th>Uploaded</Th>
              <Th>Last appended</Th>
              <Th className="sr-only">Actions</Th>
            </tr>
          </thead>
          <tbody>
            {dumps.map((dump) => (
              <tr key={dump.id} data-dump-id={dump.id}>
                <Td>
                  <a
                    href={`/api/devices/${deviceId}/dumps/${dump.id}`}
                    download={dump.fileName}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {dump.fileName}
                  </a>
                </Td>
                <Td className="font-mono text-xs text-slate-600">{dump.mimeType}</Td>
                <Td className="text-right tabular-nums text-slate-600">{formatBytes(dump.size)}</Td>
                <Td className="whitespace-nowrap text-slate-600">
                  <DateTime value={dump.createdAt} />
                </Td>
                <Td className="whitespace-nowrap text-slate-600">
                  {dump.updatedAt.getTime() - dump.createdAt.getTime() > 1_000 ? (
                    <DateTime value={dump.updatedAt} />
                  ) : (
                    "—"
                  )}
                </Td>
                <Td className="text-right">
                  {canDelete ? <DeleteDumpButton dumpId={dump.id} fileName={dump.fileName} /> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
