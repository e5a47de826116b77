import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { fileStore } from "../files/file-store";

/** Device dumps' bytes, one file per dump under DUMPS_DIR (../files/file-store.ts says how writes stay whole). */
export const dumpStore = fileStore(() => path.resolve(env().DUMPS_DIR));
