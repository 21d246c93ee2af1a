export function OutputsPanel({ outputs }: { outputs: unknown }) {
  if (!outputs || typeof outputs !== "object") return null;
  const entries = Object.entries(outputs as Record<string, unknown>).filter(([, v]) => typeof v === "string");
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="outputs-heading" className="space-y-2">
      <h2 id="outputs-heading" className="font-medium">
        Outputs
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {entries.map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="text-slate-500">{key}</dt>
            <dd className="break-all font-mono">
              {key === "AppUrl" && /^https?:\/\//.test(String(value)) ? (
                <a
                  href={String(value)}
                  target="_blank"
                  rel="noreferrer"
                  className="text-sky-700 underline dark:text-sky-400"
                  data-testid="app-url"
                >
                  {String(value)}
                </a>
              ) : (
                String(value)
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
