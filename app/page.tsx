import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/session";

export default async function HomePage() {
  redirect((await getViewer()) ? "/models" : "/sign-in");
}
