import { prepareDatabase } from "@/lib/server/db";

await prepareDatabase();
