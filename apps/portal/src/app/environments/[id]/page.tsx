import { Dashboard } from "./dashboard";

export default async function EnvironmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Dashboard environmentId={id} />;
}
