import "server-only";
import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/policy";
import {
  FINISHED_STATES,
  ROLLOUT_DEVICE_STATE_LABELS,
  ROLLOUT_DEVICE_STATES,
  type RolloutDeviceState,
} from "@/lib/schemas/rollout";
import { getRolloutOrThrow } from "@/lib/server/data/rollouts/find-rollout";
import { orNotFound } from "@/lib/server/not-found";
import { requireViewer } from "@/lib/server/auth/session";
import { RolloutStatusBadge } from "@/components/rollouts/rollout-status-badge";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Detail } from "@/components/ui/detail";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshEvery } from "@/components/ui/refresh-every";
import { Table, Td, Th } from "@/components/ui/table";
import { RolloutControls } from "./_components/rollout-controls";

type Props = { params: Promise<{ rolloutId: string }> };

export const metadata: Metadata = { title: "Rollout" };

const STATE_TONE: Partial<Record<RolloutDeviceState, "green" | "red" | "amber" | "blue">> = {
  succeeded: "green",
  failed: "red",
  timed_out: "red",
  verifying: "blue",
};

export default async function RolloutPage({ params }: Props) {
  const { rolloutId } = await params;
  const viewer = await requireViewer();
  const rollout = await orNotFound(getRolloutOrThrow({ partnerId: viewer.partnerId, rolloutId }));
  const count = (states: readonly RolloutDeviceState[], stage?: number) =>
    rollout.counts
      .filter((c) => states.includes(c.state) && (stage === undefined || c.stage === stage))
      .reduce((sum, c) => sum + c.devices, 0);
  const total = count(ROLLOUT_DEVICE_STATES);
  const isActive = rollout.status === "running" || rollout.status === "paused";
  const isManager = can(viewer.role, "rollout.manage");
  const hasFailures = count(["failed", "timed_out"]) > 0;
  return (
    <>
      {rollout.status === "running" ? <RefreshEvery ms={3_000} /> : null}
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/models" className="hover:underline">
          Models
        </Link>{" "}
        /{" "}
        <Link href={`/models/${rollout.model.id}`} className="hover:underline">
          {rollout.model.name}
        </Link>{" "}
        / <span className="text-slate-700">Rollout {rollout.id}</span>
      </nav>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            Firmware {rollout.file.version}
            <RolloutStatusBadge status={rollout.status} />
          </span>
        }
        description={`To ${total.toLocaleString("en-US")} devices: ${rollout.targetDescription}. Started by ${rollout.createdBy}.`}
        actions={isManager ? <RolloutControls rolloutId={rollout.id} status={rollout.status} /> : null}
      />
      {rollout.pauseReason ? (
        <p
          role="status"
          className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          Paused: {rollout.pauseReason}
        </p>
      ) : null}
      {isManager && rollout.rollback && (hasFailures || rollout.status === "paused") ? (
        <p className="mb-6 text-sm text-slate-700">
          Devices failing?{" "}
          <Link
            className="font-medium text-brand-700 hover:underline"
            href={`/models/${rollout.model.id}/rollouts/new?file=${rollout.rollback.id}`}
          >
            Roll back to {rollout.rollback.version}
          </Link>{" "}
          {isActive ? "(cancel this rollout first)" : null}
        </p>
      ) : null}

      <section aria-labelledby="stages" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="stages" className="mb-4 text-base font-semibold text-slate-900">
          Stages
        </h2>
        <ol className="space-y-3">
          {rollout.stages.map((percent, stage) => {
            const inStage = count(ROLLOUT_DEVICE_STATES, stage);
            const finished = count(FINISHED_STATES, stage);
            const label = `Stage ${stage + 1} (${percent}%)`;
            return (
              <li key={stage} className="grid grid-cols-[10rem_1fr_8rem] items-center gap-3 text-sm">
                <span
                  className={
                    stage === rollout.currentStage && isActive ? "font-semibold text-slate-900" : "text-slate-700"
                  }
                >
                  {label}
                  {stage === rollout.currentStage && isActive ? " · now" : ""}
                </span>
                <progress
                  className="h-2 w-full"
                  aria-label={`${label} progress`}
                  value={finished}
                  max={Math.max(inStage, 1)}
                />
                <span className="text-right tabular-nums text-slate-600">
                  {finished.toLocaleString("en-US")} / {inStage.toLocaleString("en-US")}
                </span>
              </li>
            );
          })}
        </ol>
        <dl className="mt-5 grid grid-cols-3 gap-x-6 gap-y-3 text-sm sm:grid-cols-5">
          {ROLLOUT_DEVICE_STATES.map((state) => (
            <Detail key={state} term={ROLLOUT_DEVICE_STATE_LABELS[state]}>
              <span className="tabular-nums" data-testid={`count-${state}`}>
                {STATE_TONE[state] && count([state]) > 0 ? (
                  <Badge tone={STATE_TONE[state]}>{count([state]).toLocaleString("en-US")}</Badge>
                ) : (
                  count([state]).toLocaleString("en-US")
                )}
              </span>
            </Detail>
          ))}
        </dl>
      </section>

      <section aria-labelledby="settings" className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="settings" className="mb-3 text-base font-semibold text-slate-900">
          Settings
        </h2>
        <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-3">
          <Detail term="Pace">{rollout.devicesPerMinute.toLocaleString("en-US")} devices / min</Detail>
          <Detail term="Timeout per device">
            {rollout.timeoutMinutes} min, {rollout.retries} {rollout.retries === 1 ? "retry" : "retries"}
          </Detail>
          <Detail term="Verification window">{rollout.verifyMinutes} min</Detail>
          <Detail term="Stop rule">
            pause above {rollout.stopFailurePercent}% failed, after {rollout.stopMinFinished} finished
          </Detail>
          <Detail term="Next stage">
            {rollout.isAutoPromoted ? "starts by itself when healthy" : "waits for you"}
          </Detail>
          <Detail term="Started">
            <DateTime value={rollout.createdAt} />
          </Detail>
        </dl>
      </section>

      <section aria-labelledby="failures" className="mt-6">
        <h2 id="failures" className="mb-3 text-base font-semibold text-slate-900">
          Failed devices
        </h2>
        {rollout.failures.length === 0 ? (
          <p className="text-sm text-slate-600">None so far.</p>
        ) : (
          <Table aria-label="Failed devices">
            <thead>
              <tr>
                <Th>Device</Th>
                <Th>Outcome</Th>
                <Th>Why</Th>
                <Th>Firmware now</Th>
                <Th>Attempts</Th>
                <Th>When</Th>
              </tr>
            </thead>
            <tbody>
              {rollout.failures.map((row) => (
                <tr key={row.deviceId}>
                  <Td>
                    <Link className="font-mono text-brand-700 hover:underline" href={`/devices/${row.deviceId}`}>
                      {row.device.sn}
                    </Link>
                  </Td>
                  <Td>
                    <Badge tone="red">{ROLLOUT_DEVICE_STATE_LABELS[row.state as RolloutDeviceState]}</Badge>
                  </Td>
                  <Td className="text-slate-700">{row.failure}</Td>
                  <Td className="font-mono text-xs text-slate-600">
                    {row.device.firmwareVersion} <span className="text-slate-400">(was {row.fromVersion})</span>
                  </Td>
                  <Td className="tabular-nums">{row.attempts}</Td>
                  <Td className="text-slate-600">{row.finishedAt ? <DateTime value={row.finishedAt} /> : null}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </>
  );
}
