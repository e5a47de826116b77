import { CpuIcon } from "lucide-react";
import Link from "next/link";
import type { FirmwareFileRow } from "@/lib/server/data/firmware/firmware-file-select";
import { formatBytes } from "@/lib/format-bytes";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";
import { DeleteFirmwareButton } from "./delete-firmware-button";
import { UploadFirmwareDialog } from "./upload-firmware-dialog";

/** The model's firmware files: devices are offered the newest release and download it with their access key. */
export function FirmwareSection({
  modelId,
  files,
  isWriter,
  canRollOut,
}: {
  modelId: string;
  files: FirmwareFileRow[];
  isWriter: boolean;
  canRollOut: boolean;
}) {
  const newestRelease = files.find((file) => !file.isPrerelease);
  return (
    <section aria-labelledby="firmware" className="mt-8">
      <div className="mb-3 flex items-end justify-between gap-4">
        <div>
          <h2 id="firmware" className="text-lg font-semibold text-slate-900">
            Firmware
          </h2>
          <p className="text-sm text-slate-600">
            Devices are told the newest release in every telemetry answer (<code>latest_fw_version</code>) and on their
            MQTT <code>firmware</code> topic, and list and download files with their access key. Pre-releases (like
            1.2.0-beta.1) are never offered as the newest.
          </p>
        </div>
        {isWriter ? <UploadFirmwareDialog modelId={modelId} /> : null}
      </div>
      {files.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-600">
          <CpuIcon aria-hidden className="mx-auto mb-2 size-5 text-slate-400" />
          No firmware files yet.
        </div>
      ) : (
        <Table aria-label="Firmware files">
          <thead>
            <tr>
              <Th>Version</Th>
              <Th>Name</Th>
              <Th>Type</Th>
              <Th className="text-right">Size</Th>
              <Th>SHA-256</Th>
              <Th>Uploaded</Th>
              {isWriter || canRollOut ? <Th className="sr-only">Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.id} data-file-id={file.id}>
                <Td className="font-mono text-sm font-medium text-slate-900">
                  <span className="flex items-center gap-2">
                    {file.version}
                    {file === newestRelease ? <Badge tone="green">Newest release</Badge> : null}
                    {file.isPrerelease ? <Badge tone="amber">Pre-release</Badge> : null}
                  </span>
                </Td>
                <Td className="text-slate-700" title={file.notes ?? undefined}>
                  {file.name}
                </Td>
                <Td className="text-slate-600">{file.fileType}</Td>
                <Td className="text-right tabular-nums text-slate-600">{formatBytes(file.size)}</Td>
                <Td className="font-mono text-xs text-slate-600">
                  <span className="flex items-center gap-1">
                    {file.sha256.slice(0, 12)}…
                    <CopyButton value={file.sha256} label={`SHA-256 of ${file.version}`} />
                  </span>
                </Td>
                <Td className="text-slate-600">
                  <DateTime value={file.createdAt} /> <span className="text-slate-500">by {file.createdBy}</span>
                </Td>
                {isWriter || canRollOut ? (
                  <Td className="text-right whitespace-nowrap">
                    {canRollOut ? (
                      <Link
                        href={`/models/${modelId}/rollouts/new?file=${file.id}`}
                        className="mr-2 text-sm font-medium text-brand-700 hover:underline"
                        aria-label={`Roll out ${file.version}`}
                      >
                        Roll out
                      </Link>
                    ) : null}
                    {isWriter ? <DeleteFirmwareButton fileId={file.id} version={file.version} /> : null}
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
