import { KeySquareIcon } from "lucide-react";
import type { Metadata } from "next";
import { assignableRoles, can } from "@/lib/auth/policy";
import { findApiTokens } from "@/lib/server/data/api-tokens/find-api-tokens";
import { requireViewer } from "@/lib/server/auth/session";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { CreateApiTokenDialog } from "./_components/create-api-token-dialog";
import { RevokeApiTokenButton } from "./_components/revoke-api-token-button";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const viewer = await requireViewer();
  const tokens = await findApiTokens(viewer.partnerId);
  const isManager = can(viewer.role, "apiToken.manage");
  const roles = assignableRoles(viewer.role);
  const now = new Date();
  // One dialog, in the header whether or not the list is empty: the secret it
  // shows once must survive the refresh that replaces the empty state.
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Scripts call the management API at <code>/api/v1</code> with{" "}
            <code>Authorization: Bearer &lt;token&gt;</code>; each token acts with its role. The API is described at{" "}
            <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
          </>
        }
        actions={isManager ? <CreateApiTokenDialog roles={roles} /> : null}
      />
      {tokens.length === 0 ? (
        <EmptyState
          icon={<KeySquareIcon aria-hidden className="size-5" />}
          title="No API tokens yet"
          description="Create a token for a script or a backend that manages your models and devices."
        />
      ) : (
        <Table aria-label="API tokens">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Token</Th>
              <Th>Role</Th>
              <Th>Created</Th>
              <Th>Expires</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              {isManager ? <Th className="sr-only">Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const isExpired = token.expiresAt !== null && token.expiresAt <= now;
              return (
                <tr key={token.id}>
                  <Td className="font-medium text-slate-900">{token.name}</Td>
                  <Td className="font-mono text-xs text-slate-600">
                    {token.tokenPrefix}
                    {"•".repeat(8)}
                  </Td>
                  <Td>{token.role}</Td>
                  <Td className="text-slate-600">
                    <DateTime value={token.createdAt} />
                    <span className="block text-xs">by {token.createdBy}</span>
                  </Td>
                  <Td className="text-slate-600">{token.expiresAt ? <DateTime value={token.expiresAt} /> : "Never"}</Td>
                  <Td className="text-slate-600">
                    {token.lastUsedAt ? <DateTime value={token.lastUsedAt} /> : "Never"}
                  </Td>
                  <Td>
                    {token.revokedAt ? (
                      <Badge tone="red">Revoked</Badge>
                    ) : isExpired ? (
                      <Badge tone="amber">Expired</Badge>
                    ) : (
                      <Badge tone="green">Active</Badge>
                    )}
                  </Td>
                  {isManager ? (
                    <Td className="text-right">
                      {token.revokedAt ? null : <RevokeApiTokenButton tokenId={token.id} name={token.name} />}
                    </Td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
