import { auth } from "@/lib/server/auth";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { percentile, startPortal } from "./support";

const email = `probe-${Date.now()}@example.test`;
const password = "bench-password-123";
const { user } = await auth.api.signUpEmail({ body: { name: "Probe", email, password } });
await createPartner({ name: "Probe", ownerUserId: user.id });
const portal = await startPortal();
const signIn = await fetch(`${portal.baseUrl}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: portal.baseUrl }, body: JSON.stringify({ email, password }) });
const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
async function time(path: string, headers: Record<string, string> = {}) {
  const out: number[] = [];
  for (let i = 0; i < Number(process.env.N ?? 60); i++) {
    const t0 = performance.now();
    const r = await fetch(portal.baseUrl + path, { headers });
    await r.text();
    if (i >= 10) out.push(performance.now() - t0);
  }
  console.log(path.slice(0, 40), "p50", percentile(out, 50).toFixed(1), "p95", percentile(out, 95).toFixed(1));
}

await time("/api/devices/00000000-0000-4000-8000-000000000000/online?marker=partner-hub-check-abcdef", { cookie });

await portal.stop();
process.exit(0);
