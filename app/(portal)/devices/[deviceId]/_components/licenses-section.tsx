import Link from "next/link";
import type { LicenseRow } from "@/lib/server/data/licenses/license-select";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";
import { IssueLicenseDialog } from "./issue-license-dialog";
import { RevokeLicenseButton } from "./revoke-license-button";

/** What each licence's state means to the partner, with the badge's tone. */
function stateOf(license: LicenseRow): { label: string; tone: "green" | "amber" | "red" | "neutral" } {
  if (license.desired === "revoked") {
    return license.state === "removed"
      ? { label: "Revoked, removed", tone: "neutral" }
      : { label: "Revoked, waiting for the device", tone: "amber" };
  }
  switch (license.state) {
    case "inuse":
      return { label: "In use", tone: "green" };
    case "error":
      return { label: "Error", tone: "red" };
    case "removed":
      return { label: "Removed by the device", tone: "neutral" };
    default:
      return { label: "Pending: waiting for the device", tone: "amber" };
  }
}

/** The device's licences: issue one of its model's types, watch the device apply it, revoke it. */
export function LicensesSection({
  deviceId,
  modelId,
  licenses,
  types,
  canManage,
}: {
  deviceId: string;
  modelId: string;
  licenses: LicenseRow[];
  types: Array<{ id: string; name: string }>;
  canManage: boolean;
}) {
  return (
    <section aria-labelledby="device-licenses" className="mt-8">
      <div className="mb-3 flex items-end justify-between gap-4">
        <div>
          <h2 id="device-licenses" className="text-lg font-semibold text-slate-900">
            Licences
          </h2>
          <p className="text-sm text-slate-600">
            {types.length === 0 ? (
              <>
                Define licence types on the{" "}
                <Link href={`/models/${modelId}#licenses`} className="text-brand-700 underline">
                  model&apos;s page
                </Link>{" "}
                to issue licences.
              </>
            ) : (
              "Each licence is signed for this device; the firmware reports when it applied or removed it."
            )}
          </p>
        </div>
        {canManage && types.length > 0 ? <IssueLicenseDialog deviceId={deviceId} types={types} /> : null}
      </div>
      {licenses.length === 0 ? (
        <p className="text-sm text-slate-500">No licences issued.</p>
      ) : (
        <Table aria-label="Licences">
          <thead>
            <tr>
              <Th>Type</Th>
              <Th>State</Th>
              <Th>Expires</Th>
              <Th>Issued</Th>
              {canManage ? <Th className="sr-only">Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {licenses.map((license) => {
              const state = stateOf(license);
              return (
                <tr key={license.id} data-license-id={license.id}>
                  <Td>
                    <span className="font-medium text-slate-900">{license.type.name}</span>{" "}
                    <code className="text-xs text-slate-500">{license.id}</code>
                  </Td>
                  <Td>
                    <Badge tone={state.tone}>{state.label}</Badge>
                    {license.error ? <span className="block text-xs text-red-700">{license.error}</span> : null}
                  </Td>
                  <Td className="whitespace-nowrap text-slate-600">
                    {license.expiresAt ? <DateTime value={license.expiresAt} /> : "Never"}
                  </Td>
                  <Td className="whitespace-nowrap text-slate-600">
                    <DateTime value={license.createdAt} />
                    <span className="block text-xs text-slate-500">by {license.issuedBy}</span>
                  </Td>
                  {canManage ? (
                    <Td className="text-right">
                      {license.desired === "active" ? (
                        <RevokeLicenseButton licenseId={license.id} name={license.type.name} />
                      ) : null}
                    </Td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </section>
  );
}
