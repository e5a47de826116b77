"use client";

import { revokeHardwareKeySchema } from "@/lib/schemas/hardware-key";
import { revokeHardwareKeyAction } from "@/lib/server/actions/hardware-keys/revoke-hardware-key-action";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { Button } from "@/components/ui/button";

/** Revokes after an explicit confirmation; on failure the dialog stays open and says why. */
export function RevokeHardwareKeyButton({ keyId, label }: { keyId: string; label: string }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Revoke ${label}`}>
          Revoke
        </Button>
      }
      title={`Revoke "${label}"?`}
      description="Firmware using this key can no longer register new devices. Devices it already registered keep working. This cannot be undone."
      action={revokeHardwareKeyAction}
      schema={revokeHardwareKeySchema}
      fields={{ keyId }}
      submitLabel="Revoke key"
      pendingLabel="Revoking…"
      isDanger
    />
  );
}
