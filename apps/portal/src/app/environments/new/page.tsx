import type { Metadata } from "next";
import { Wizard } from "./wizard";

export const metadata: Metadata = { title: "New environment · Stackyard" };

export default async function NewEnvironmentPage({
  searchParams,
}: {
  searchParams: Promise<{ draft?: string | string[] }>;
}) {
  const { draft } = await searchParams;
  return <Wizard draftId={typeof draft === "string" && draft ? draft : null} />;
}
