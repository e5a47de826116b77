// The export thread's entry. The portal runs its TypeScript through tsx
// (`node --import tsx`), but on Node 20 a worker thread does not get the
// loader hooks that flag registers, so the thread registers them itself.
import { register } from "tsx/esm/api";

register();
await import("./thread-main.ts");
