import { prepareDatabase } from "@/lib/server/database/db";

await prepareDatabase();
