"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { useWizard } from "./use-wizard";

/** Fills the SSH CIDR with the address the portal server sees this browser connect from, as a /32. */
export function UseMyAddressButton() {
  const wizard = useWizard();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState<{ text: string; problem: boolean } | null>(null);
  const fill = async () => {
    try {
      const answer = await queryClient.fetchQuery(
        trpc.network.callerAddress.queryOptions(undefined, { staleTime: 0 }),
      );
      if (!answer.ok) return setNote({ text: answer.reason, problem: true });
      wizard.setField("bastion.sshAllowedCidr", answer.cidr);
      wizard.showErrorsNow();
      setNote({
        text: answer.loopback
          ? `Filled ${answer.cidr}: you are on the portal's own machine, so that is a loopback address.`
          : `Filled ${answer.cidr}, the address the portal sees you connect from.`,
        problem: answer.loopback,
      });
    } catch {
      setNote({ text: "The portal could not be asked for your address.", problem: true });
    }
  };
  return (
    <div>
      <button
        type="button"
        onClick={fill}
        className="rounded-md border border-indigo-600 px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950"
      >
        Use my IP
      </button>
      <p
        aria-live="polite"
        className={`mt-1 text-xs ${note?.problem ? "text-amber-700 dark:text-amber-300" : "text-slate-600 dark:text-slate-400"}`}
      >
        {note?.text}
      </p>
    </div>
  );
}
