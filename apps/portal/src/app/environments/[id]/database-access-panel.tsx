"use client";
// "Connect to the database": the commands for this environment (environments.databaseAccess), each with a
// copy button. They say where the secret is (a Secrets Manager ARN, the sandbox's secret file) and read it
// at run time; the password itself never reaches the browser.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/trpc/client";

const button =
  "rounded border border-slate-300 px-2 py-0.5 text-xs font-medium focus-visible:ring-2 focus-visible:ring-indigo-400 dark:border-slate-700";

export function DatabaseAccessPanel({ id, status }: { id: string; status: string }) {
  const trpc = useTRPC();
  const access = useQuery(trpc.environments.databaseAccess.queryOptions({ id }, { staleTime: 30_000 }));
  const { refetch } = access;
  // The commands follow the stack: none before it exists or once deleted, new outputs after an update.
  // biome-ignore lint/correctness/useExhaustiveDependencies: status is the trigger, not an input
  useEffect(() => {
    void refetch();
  }, [status, refetch]);
  const [copied, setCopied] = useState("");
  const copy = async (title: string, command: string) => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(`Copied: ${title}`);
    } catch {
      setCopied("The browser refused the clipboard; select the command instead.");
    }
  };
  return (
    <section aria-labelledby="db-access-heading" className="space-y-2" data-testid="database-access-panel">
      <h2 id="db-access-heading" className="font-medium">
        Connect to the database
      </h2>
      {access.isPending && <p className="text-sm text-slate-500">Loading the commands…</p>}
      {access.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {access.error.message}
        </p>
      )}
      {access.data && !access.data.available && (
        <p className="text-sm text-slate-600 dark:text-slate-400">{access.data.reason}</p>
      )}
      {access.data?.available && (
        <>
          <ol className="space-y-3">
            {access.data.steps.map((step, index) => (
              <li key={step.title} className="space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="text-sm font-medium">
                    {index + 1}. {step.title}
                  </h3>
                  <button
                    type="button"
                    className={button}
                    aria-label={`Copy: ${step.title}`}
                    onClick={() => void copy(step.title, step.command)}
                  >
                    Copy
                  </button>
                </div>
                <pre
                  data-testid="db-access-command"
                  className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800"
                >
                  <code>{step.command}</code>
                </pre>
                {step.note && <p className="text-xs text-slate-600 dark:text-slate-400">{step.note}</p>}
              </li>
            ))}
          </ol>
          <ul className="flex flex-wrap gap-x-4 text-xs">
            {access.data.docs.map((doc) => (
              <li key={doc.url}>
                <a
                  href={doc.url}
                  target="_blank"
                  rel="noreferrer"
                  className="text-sky-700 underline dark:text-sky-400"
                >
                  {doc.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p aria-live="polite" className="text-sm">
        {copied}
      </p>
    </section>
  );
}
