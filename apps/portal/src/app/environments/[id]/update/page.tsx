import type { Metadata } from "next";
import { pageAccess } from "@/server/auth/page-access";
import { NotAllowed } from "../../../_auth/not-allowed";
import { UpdateWizard } from "./update-wizard";

export const metadata: Metadata = { title: "Update environment · Stackyard" };

export default async function UpdateEnvironmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Updating needs the deployer role (and ownership); the procedures refuse it anyway.
  const access = await pageAccess("deployer", `/environments/${encodeURIComponent(id)}/update`);
  if (!access.allowed) return <NotAllowed role={access.user.role} need={access.need} />;
  return <UpdateWizard environmentId={id} />;
}
