import { KeyRoundIcon } from "lucide-react";
import type { LicenseTypeRow } from "@/lib/server/data/licenses/license-types";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";
import { AddLicenseTypeForm } from "./add-license-type-form";

/**
 * The model's licence types, and the partner's public key firmware pins to
 * verify the licences it is issued (issued from each device's page).
 */
export function LicenseTypesSection({
  modelId,
  types,
  publicKeyPem,
  isWriter,
}: {
  modelId: string;
  types: LicenseTypeRow[];
  publicKeyPem: string | null;
  isWriter: boolean;
}) {
  return (
    <section aria-labelledby="licenses" className="mt-8">
      <h2 id="licenses" className="text-lg font-semibold text-slate-900">
        Licences
      </h2>
      <p className="text-sm text-slate-600">
        Issue licences of these types from a device&apos;s page. The device is told with <code>new_licenses</code> in
        its telemetry answer, fetches them with <code>GET /v1/devices/&#123;id&#125;/licenses</code>, verifies each
        signature with the key below, and reports <code>inuse</code> or <code>removed</code>.
      </p>
      {types.length === 0 ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-slate-500">
          <KeyRoundIcon aria-hidden className="size-4 text-slate-400" /> No licence types yet.
        </p>
      ) : (
        <Table aria-label="Licence types" className="mt-3">
          <thead>
            <tr>
              <Th>Type</Th>
              <Th>Description</Th>
              <Th>Added</Th>
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <tr key={type.id}>
                <Td className="font-medium text-slate-900">{type.name}</Td>
                <Td className="text-slate-600">{type.description ?? "—"}</Td>
                <Td className="text-slate-600">
                  <DateTime value={type.createdAt} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {isWriter ? <AddLicenseTypeForm modelId={modelId} /> : null}
      {publicKeyPem ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm text-slate-700">
            Signing public key (RSA, SPKI PEM): firmware verifies <code>signature</code> over <code>signed_data</code>{" "}
            with RSA-SHA256
          </summary>
          <div className="mt-2 flex items-start gap-2">
            <pre
              tabIndex={0}
              aria-label="Licence signing public key"
              className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs"
            >
              {publicKeyPem}
            </pre>
            <CopyButton value={publicKeyPem} label="public key" />
          </div>
        </details>
      ) : null}
    </section>
  );
}
