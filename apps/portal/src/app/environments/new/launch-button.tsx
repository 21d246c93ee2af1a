"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { forgetLocalDraft } from "../_wizard/draft-storage";
import { errorCountsByStep, STEPS, stepOfPath } from "../_wizard/form-model";
import { useWizard } from "../_wizard/use-wizard";
import { type ExpiryChoice, expiryFrom, NO_EXPIRY } from "../expiry-model";
import { useAutosaveControl } from "./use-autosave";

function newRequestToken() {
  return typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Launch is disabled while any error remains; the reason is spelled out next to it. */
export function LaunchButton({
  checkErrors,
  expiry = NO_EXPIRY,
}: {
  checkErrors: number;
  expiry?: ExpiryChoice;
}) {
  const wizard = useWizard();
  const trpc = useTRPC();
  const router = useRouter();
  const aws = useQuery(trpc.targets.aws.queryOptions(undefined, { staleTime: 60_000 }));
  const autosave = useAutosaveControl();
  // One token per attempt: a double click or a retried request launches once.
  const token = useRef(newRequestToken());
  // Set synchronously on the first click: the autosave is awaited before the request, and a second click
  // in that gap must not start a second launch.
  const clicked = useRef(false);
  const [phase, setPhase] = useState<"ready" | "launching" | "launched">("ready");
  const launch = useMutation(
    trpc.environments.launch.mutationOptions({
      onSuccess: (result, variables) => {
        setPhase("launched");
        forgetLocalDraft(variables.draftId ?? null);
        // Straight to the live dashboard: the point of launching is watching it come up.
        router.push(`/environments/${result.environmentId}`);
      },
      onError: (error) => {
        token.current = newRequestToken();
        clicked.current = false;
        setPhase("ready");
        // expiresAt is chosen on Review itself, beside this button: only spec fields send the user away.
        const fieldErrors = (error.data?.fieldErrors ?? []).filter((e) => e.path !== "expiresAt");
        wizard.setServerErrors(fieldErrors);
        autosave.resume();
        const first = fieldErrors[0];
        if (first) wizard.goTo(stepOfPath(first.path), first.path);
      },
    }),
  );
  async function startLaunch() {
    if (clicked.current) return;
    clicked.current = true;
    setPhase("launching");
    // The draft the autosave is creating right now is the one to launch (a new one would collide with it).
    const draftId = await autosave.stop();
    // "After 1 day" counts from the click.
    const expiresAt = expiryFrom(expiry);
    launch.mutate({
      expiresAt: expiresAt.ok ? (expiresAt.expiresAt ?? undefined) : undefined,
      draftId: draftId ?? undefined,
      target: wizard.target,
      spec: wizard.spec,
      clientRequestToken: token.current,
    });
  }
  const counts = errorCountsByStep(wizard.allErrors);
  const blocking = STEPS.filter((step) => counts[step.id] > 0).map(
    (step) => `${step.title} ${counts[step.id]}`,
  );
  const awsMissing = wizard.target === "aws" && !aws.data?.available;
  if (checkErrors > 0) blocking.push(`template checks ${checkErrors}`);
  if (!expiryFrom(expiry).ok) blocking.push("expiry 1");
  const errorCount = wizard.allErrors.length + checkErrors + (expiryFrom(expiry).ok ? 0 : 1);
  const reason = blocking.length
    ? `Fix ${errorCount === 1 ? "1 error" : `${errorCount} errors`} first (${blocking.join(", ")}).`
    : awsMissing
      ? "AWS is not available: pick the local sandbox on Basics."
      : wizard.target === "aws"
        ? `Creates the stack in AWS account ${aws.data?.available ? aws.data.account : ""}.`
        : "Creates the environment in the local sandbox on this machine.";
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={blocking.length > 0 || awsMissing || phase !== "ready"}
        aria-describedby="launch-reason"
        onClick={() => void startLaunch()}
        className="rounded-md bg-indigo-600 px-5 py-2 font-semibold text-white shadow hover:bg-indigo-700 focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:bg-slate-400 dark:disabled:bg-slate-600"
      >
        {phase === "ready" ? "Launch" : "Launching…"}
      </button>
      <p id="launch-reason" className="text-sm text-slate-700 dark:text-slate-300">
        {phase === "launched" && launch.data ? (
          <>
            Launched: opening{" "}
            <a href={`/environments/${launch.data.environmentId}`} className="underline">
              its dashboard
            </a>
            …
          </>
        ) : (
          reason
        )}
      </p>
      {/* The expiry is no spec field: its error (e.g. a browser clock far behind) is shown here. */}
      {launch.isError &&
        (!launch.error.data?.fieldErrors ||
          launch.error.data.fieldErrors.some((error) => error.path === "expiresAt")) && (
          <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
            {launch.error.message}
          </p>
        )}
    </div>
  );
}
