import { formatDuration, type Progress } from "./progress";

export function ProgressBar({ progress, running }: { progress: Progress; running: boolean }) {
  const percent = progress.total === 0 ? 0 : Math.round((progress.done / progress.total) * 100);
  return (
    <section aria-label="Progress" className="space-y-2">
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
        aria-valuetext={`${progress.done} of ${progress.total} resources complete`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={`h-full transition-all ${progress.failed ? "bg-red-500" : "bg-emerald-500"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p
        className="flex flex-wrap gap-x-6 text-sm text-slate-600 dark:text-slate-300"
        data-testid="progress-counts"
      >
        <span>
          {progress.done} / {progress.total} resources complete
          {progress.failed > 0 && (
            <span className="text-red-600 dark:text-red-400">, {progress.failed} failed</span>
          )}
        </span>
        <span>Elapsed {formatDuration(progress.elapsedSeconds)}</span>
        {running && progress.etaSeconds !== null && (
          <span>About {formatDuration(progress.etaSeconds)} left</span>
        )}
      </p>
    </section>
  );
}
