import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/policy";
import { getWebhookEndpointLog } from "@/lib/server/data/webhooks/find-webhook-endpoints";
import { orNotFound } from "@/lib/server/not-found";
import { requireViewer } from "@/lib/server/auth/session";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { DeleteWebhookButton } from "./_components/delete-webhook-button";
import { ReplayDeliveryButton } from "./_components/replay-delivery-button";

export const metadata: Metadata = { title: "Webhook deliveries" };

const STATUS_TONE = { delivered: "green", pending: "amber", failed: "red" } as const;

export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const viewer = await requireViewer();
  const { endpointId } = await params;
  const { endpoint, deliveries } = await orNotFound(getWebhookEndpointLog(viewer.partnerId, endpointId));
  const isManager = can(viewer.role, "webhook.manage");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/webhooks" className="text-brand-700 hover:underline">
          ← Webhooks
        </Link>
      </p>
      <PageHeader
        title={<span className="break-all">{endpoint.url}</span>}
        description={`Events: ${endpoint.events.join(", ")}. The newest ${deliveries.length} deliveries.`}
        actions={isManager ? <DeleteWebhookButton endpointId={endpoint.id} url={endpoint.url} /> : null}
      />
      <Table aria-label="Delivery log">
        <thead>
          <tr>
            <Th>Event</Th>
            <Th>Created</Th>
            <Th>Status</Th>
            <Th className="text-right">Attempts</Th>
            <Th>Last answer</Th>
            <Th className="text-right">Latency</Th>
            {isManager ? <Th className="sr-only">Actions</Th> : null}
          </tr>
        </thead>
        <tbody>
          {deliveries.length === 0 ? (
            <tr>
              <Td colSpan={7} className="text-center text-slate-600">
                Nothing sent yet.
              </Td>
            </tr>
          ) : null}
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <Td className="font-mono text-xs">{delivery.event}</Td>
              <Td className="text-slate-600">
                <DateTime value={delivery.createdAt} />
              </Td>
              <Td>
                <Badge tone={STATUS_TONE[delivery.status as keyof typeof STATUS_TONE] ?? "neutral"}>
                  {delivery.status}
                </Badge>
                {delivery.status === "pending" && delivery.nextAttemptAt && delivery.attempts > 0 ? (
                  <span className="ml-1 text-xs text-slate-500">
                    next <DateTime value={delivery.nextAttemptAt} />
                  </span>
                ) : null}
              </Td>
              <Td className="text-right tabular-nums">{delivery.attempts}</Td>
              <Td className="max-w-xs text-xs text-slate-700">
                {delivery.lastStatusCode ? <span className="font-medium">HTTP {delivery.lastStatusCode} </span> : null}
                <span className="break-all">{delivery.lastResponse?.slice(0, 200)}</span>
              </Td>
              <Td className="text-right tabular-nums">
                {delivery.lastLatencyMs === null ? "—" : `${delivery.lastLatencyMs} ms`}
              </Td>
              {isManager ? (
                <Td className="text-right">
                  <ReplayDeliveryButton deliveryId={delivery.id} />
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
