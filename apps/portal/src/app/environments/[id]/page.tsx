import { pageAccess } from "@/server/auth/page-access";
import { Dashboard } from "./dashboard";

export default async function EnvironmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageAccess("viewer", `/environments/${encodeURIComponent(id)}`);
  return <Dashboard environmentId={id} />;
}
