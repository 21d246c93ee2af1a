"use client";
// Where the wizard starts: this browser's copy of the draft when it has one (it is never behind the
// server's), else the server's draft (another browser, or storage cleared), else a fresh default spec.
import { defaultSpec } from "@stackyard/templates";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { readLocalDraft, type StoredDraft } from "../_wizard/draft-storage";
import type { SpecDraft } from "../_wizard/form-model";

export type RestoredDraft =
  | { state: "loading" }
  | { state: "ready"; draft: StoredDraft }
  | { state: "problem"; message: string };

export function useRestoredDraft(draftId: string | null): RestoredDraft {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [restored, setRestored] = useState<RestoredDraft>({ state: "loading" });
  useEffect(() => {
    let cancelled = false;
    const finish = (result: RestoredDraft) => !cancelled && setRestored(result);
    const local = readLocalDraft(draftId);
    if (local) {
      finish({ state: "ready", draft: { ...local, draftId } });
    } else if (draftId) {
      queryClient
        .fetchQuery(trpc.environments.get.queryOptions({ id: draftId }))
        .then((environment) =>
          environment.status === "draft"
            ? finish({
                state: "ready",
                draft: { draftId, target: environment.target, spec: environment.spec, step: "basics" },
              })
            : finish({
                state: "problem",
                message: `${environment.name} was already launched (it is ${environment.status}).`,
              }),
        )
        .catch((error: Error) => finish({ state: "problem", message: error.message }));
    } else {
      freshDraft(queryClient, trpc).then((draft) => finish({ state: "ready", draft }));
    }
    return () => {
      cancelled = true;
    };
  }, [draftId, queryClient, trpc]);
  return restored;
}

/** The default spec, named so that it does not collide with an existing environment or draft. */
async function freshDraft(
  queryClient: ReturnType<typeof useQueryClient>,
  trpc: ReturnType<typeof useTRPC>,
): Promise<StoredDraft> {
  const spec = defaultSpec() as unknown as SpecDraft;
  const base = String(spec.name);
  const taken = await queryClient
    .fetchQuery(trpc.environments.list.queryOptions({ name: base }))
    // A deleted environment's name is free again (only existing ones hold theirs).
    .then((rows) => new Set(rows.filter((row) => row.status !== "deleted").map((row) => row.name)))
    .catch(() => new Set<string>());
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}`;
  return { draftId: null, target: "local", spec: { ...spec, name }, step: "basics" };
}
