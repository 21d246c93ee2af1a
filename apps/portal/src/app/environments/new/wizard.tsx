"use client";
import Link from "next/link";
import { ApplicationStep } from "../_wizard/application-step";
import { DatabaseStep } from "../_wizard/database-step";
import type { StoredDraft } from "../_wizard/draft-storage";
import { EdgeStep } from "../_wizard/edge-step";
import type { StepId } from "../_wizard/form-model";
import { NetworkStep } from "../_wizard/network-step";
import { StepList } from "../_wizard/step-list";
import { StepNavigation } from "../_wizard/step-navigation";
import { useWizardState, WizardContext } from "../_wizard/use-wizard";
import { WizardSidebar } from "../_wizard/wizard-sidebar";
import { BasicsStep } from "./basics-step";
import { ImportExport } from "./import-export";
import { ReviewStep } from "./review-step";
import { AutosaveContext, describeSaveStatus, useAutosave } from "./use-autosave";
import { useRestoredDraft } from "./use-restored-draft";

const STEP_VIEWS: Record<StepId, () => React.ReactNode> = {
  basics: BasicsStep,
  network: NetworkStep,
  database: DatabaseStep,
  application: ApplicationStep,
  edge: EdgeStep,
  review: ReviewStep,
};

export function Wizard({ draftId }: { draftId: string | null }) {
  const restored = useRestoredDraft(draftId);
  if (restored.state === "loading")
    return (
      <p aria-busy="true" className="text-slate-600 dark:text-slate-400">
        Loading the draft…
      </p>
    );
  if (restored.state === "problem") {
    return (
      <p role="alert">
        {restored.message}{" "}
        <Link href="/environments/new" className="text-indigo-700 underline dark:text-indigo-300">
          Start a new environment
        </Link>
      </p>
    );
  }
  return <WizardForm initial={restored.draft} />;
}

function WizardForm({ initial }: { initial: StoredDraft }) {
  const wizard = useWizardState(initial);
  const autosave = useAutosave(wizard);
  const StepView = STEP_VIEWS[wizard.step];
  return (
    <WizardContext.Provider value={wizard}>
      <AutosaveContext.Provider value={autosave}>
        <div className="space-y-6">
          <header className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h1 className="text-2xl font-semibold tracking-tight">New environment</h1>
              <p
                className="text-sm text-slate-600 dark:text-slate-400"
                aria-live="polite"
                data-testid="save-status"
              >
                {describeSaveStatus(autosave.status)}
              </p>
            </div>
            <ImportExport />
          </header>
          <div className="grid gap-6 lg:grid-cols-[12rem_minmax(0,1fr)] xl:grid-cols-[12rem_minmax(0,1fr)_22rem]">
            <StepList />
            <form
              className={`min-w-0 space-y-8 ${wizard.step === "review" ? "xl:col-span-2" : ""}`}
              onSubmit={(event) => event.preventDefault()}
              noValidate
            >
              <StepView key={wizard.step} />
              <StepNavigation />
            </form>
            <WizardSidebar />
          </div>
        </div>
      </AutosaveContext.Provider>
    </WizardContext.Provider>
  );
}
