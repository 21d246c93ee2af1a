"use client";
// /environments/[id]/update: the launch wizard's steps over the live environment's spec, with the name,
// region and target locked, and a Review that plans the update before applying it. Nothing is saved as a
// draft: what is typed stays in this page until it is applied (a server error never clears it).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type ReactNode, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { useMe } from "../../../_auth/use-me";
import { ApplicationStep } from "../../_wizard/application-step";
import { DatabaseStep } from "../../_wizard/database-step";
import { EdgeStep } from "../../_wizard/edge-step";
import type { SpecDraft } from "../../_wizard/form-model";
import { NetworkStep } from "../../_wizard/network-step";
import { StepList } from "../../_wizard/step-list";
import { StepNavigation } from "../../_wizard/step-navigation";
import { useWizard, useWizardState, WizardContext } from "../../_wizard/use-wizard";
import { WizardSidebar } from "../../_wizard/wizard-sidebar";
import { LockedBasicsStep } from "./locked-basics-step";
import { type Reviewed, UpdateReviewStep } from "./update-review-step";

interface UpdatableEnvironment {
  id: string;
  name: string;
  target: "local" | "aws";
  region: string;
  spec: SpecDraft;
}

export function UpdateWizard({ environmentId }: { environmentId: string }) {
  const trpc = useTRPC();
  const { mayChange } = useMe();
  // Read once: a refetch must not reset what the user is typing.
  const environment = useQuery(
    trpc.environments.get.queryOptions(
      { id: environmentId },
      { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false },
    ),
  );
  const back = (
    <Link href={`/environments/${environmentId}`} className="text-indigo-700 underline dark:text-indigo-300">
      Back to the dashboard
    </Link>
  );
  if (environment.isPending) {
    return (
      <p aria-busy="true" className="text-slate-600 dark:text-slate-400">
        Loading the environment…
      </p>
    );
  }
  const env = environment.data;
  const problem = !env
    ? `${environment.error?.message ?? "No environment with that id"}.`
    : !mayChange(env.ownerId)
      ? `${env.name} belongs to another user; only its owner or an admin may update it.`
      : env.status !== "live"
        ? `${env.name} is ${env.status}; only a live environment can be updated.`
        : null;
  if (problem || !env) {
    return (
      <p role="alert">
        {problem} {back}
      </p>
    );
  }
  return <UpdateForm environment={env} back={back} />;
}

function UpdateForm({ environment, back }: { environment: UpdatableEnvironment; back: ReactNode }) {
  const wizard = useWizardState({
    draftId: null,
    target: environment.target,
    spec: environment.spec,
    step: "basics",
  });
  // Kept here, not in the Review step, so moving between steps does not forget the reviewed plan.
  const [reviewed, setReviewed] = useState<Reviewed | null>(null);
  return (
    <WizardContext.Provider value={wizard}>
      <div className="space-y-6">
        <header className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Update {environment.name}</h1>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Change what you need, then review what the update would do before applying it.
            </p>
          </div>
          {back}
        </header>
        <div className="grid gap-6 lg:grid-cols-[12rem_minmax(0,1fr)] xl:grid-cols-[12rem_minmax(0,1fr)_22rem]">
          <StepList />
          <form
            className={`min-w-0 space-y-8 ${wizard.step === "review" ? "xl:col-span-2" : ""}`}
            onSubmit={(event) => event.preventDefault()}
            noValidate
          >
            <StepView environment={environment} reviewed={reviewed} onReviewed={setReviewed} />
            <StepNavigation />
          </form>
          <WizardSidebar />
        </div>
      </div>
    </WizardContext.Provider>
  );
}

function StepView({
  environment,
  reviewed,
  onReviewed,
}: {
  environment: UpdatableEnvironment;
  reviewed: Reviewed | null;
  onReviewed: (reviewed: Reviewed | null) => void;
}) {
  const { step } = useWizard();
  switch (step) {
    case "basics":
      return <LockedBasicsStep key={step} target={environment.target} region={environment.region} />;
    case "network":
      return <NetworkStep key={step} />;
    case "database":
      return <DatabaseStep key={step} />;
    case "application":
      return <ApplicationStep key={step} />;
    case "edge":
      return <EdgeStep key={step} />;
    case "review":
      return (
        <UpdateReviewStep key={step} environment={environment} reviewed={reviewed} onReviewed={onReviewed} />
      );
  }
}
