"use client";

import { revokeApiTokenSchema } from "@/lib/schemas/api-token";
import { revokeApiTokenAction } from "@/lib/server/actions/api-tokens/revoke-api-token-action";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { Button } from "@/components/ui/button";

/** Revokes after an explicit confirmation; on failure the dialog stays open and says why. */
export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      }
      title={`Revoke "${name}"?`}
      description="Every call with this token is refused from now on. This cannot be undone."
      action={revokeApiTokenAction}
      schema={revokeApiTokenSchema}
      fields={{ tokenId }}
      submitLabel="Revoke token"
      pendingLabel="Revoking…"
      isDanger
    />
  );
}
