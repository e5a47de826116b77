"use client";

import { revokeLicenseSchema } from "@/lib/schemas/license";
import { revokeLicenseAction } from "@/lib/server/actions/licenses/revoke-license-action";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { Button } from "@/components/ui/button";

/** Takes a licence back: the device is told to remove it on its next telemetry. */
export function RevokeLicenseButton({ licenseId, name }: { licenseId: string; name: string }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      }
      title={`Revoke ${name}?`}
      description="The device is told to remove it (remove: true) on its next telemetry; one it never applied is removed at once."
      action={revokeLicenseAction}
      schema={revokeLicenseSchema}
      fields={{ licenseId }}
      submitLabel="Revoke licence"
      pendingLabel="Revoking…"
      isDanger
    />
  );
}
