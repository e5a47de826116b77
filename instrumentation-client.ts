import { z } from "zod";

// Runs in the browser before the app's own code. Zod compiles object parsers
// with `new Function` where it may, and probes for that when a schema is
// built; the pages' Content-Security-Policy forbids eval (proxy.ts), so the
// probe would be reported as a violation. In the browser zod only checks
// forms, where its interpreter is fast enough.
z.config({ jitless: true });
