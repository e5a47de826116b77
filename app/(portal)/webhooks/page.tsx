import { WebhookIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/policy";
import { findWebhookEndpoints } from "@/lib/server/data/webhooks/find-webhook-endpoints";
import { requireViewer } from "@/lib/server/auth/session";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { AddWebhookDialog } from "./_components/add-webhook-dialog";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const viewer = await requireViewer();
  const endpoints = await findWebhookEndpoints(viewer.partnerId);
  const isManager = can(viewer.role, "webhook.manage");
  // One dialog, in the header whether or not the list is empty: the secret it
  // shows once must survive the refresh that replaces the empty state.
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Partner Hub posts signed JSON to your endpoints when devices register, change, come online or go offline, and when commands move on."
        actions={isManager ? <AddWebhookDialog /> : null}
      />
      {endpoints.length === 0 ? (
        <EmptyState
          icon={<WebhookIcon aria-hidden className="size-5" />}
          title="No webhook endpoints yet"
          description="Add an endpoint to hear about your devices without polling. Each delivery is signed with the endpoint's secret and retried for 24 hours."
        />
      ) : (
        <Table aria-label="Webhook endpoints">
          <thead>
            <tr>
              <Th>URL</Th>
              <Th>Events</Th>
              <Th>Secret</Th>
              <Th>Added</Th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <Td className="font-medium break-all">
                  <Link href={`/webhooks/${endpoint.id}`} className="text-brand-700 hover:underline">
                    {endpoint.url}
                  </Link>
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {endpoint.events.map((event) => (
                      <Badge key={event}>{event}</Badge>
                    ))}
                  </div>
                </Td>
                <Td className="font-mono text-xs text-slate-600">{endpoint.secretHint}</Td>
                <Td className="text-slate-600">
                  <DateTime value={endpoint.createdAt} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
