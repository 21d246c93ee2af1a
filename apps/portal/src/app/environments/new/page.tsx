import type { Metadata } from "next";
import { pageAccess } from "@/server/auth/page-access";
import { NotAllowed } from "../../_auth/not-allowed";
import { Wizard } from "./wizard";

export const metadata: Metadata = { title: "New environment · Stackyard" };

export default async function NewEnvironmentPage({
  searchParams,
}: {
  searchParams: Promise<{ draft?: string | string[] }>;
}) {
  const { draft } = await searchParams;
  // Launching needs the deployer role; the procedures refuse it anyway, this explains it up front.
  const access = await pageAccess("deployer", "/environments/new");
  if (!access.allowed) return <NotAllowed role={access.user.role} need={access.need} />;
  return <Wizard draftId={typeof draft === "string" && draft ? draft : null} />;
}
