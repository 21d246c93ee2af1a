"use client";
import { type ReactNode, useEffect, useRef } from "react";
import { fieldId } from "./form-model";
import { useWizard } from "./use-wizard";

/** One wizard step. Its heading takes focus when the step opens, so keyboard and screen reader users
 *  land at the top of the new step instead of on a button that moved. */
export function StepSection({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { focusRequest, focusTurn } = useWizard();
  // biome-ignore lint/correctness/useExhaustiveDependencies: focusTurn is the trigger (a move to this step).
  useEffect(() => {
    const requested = focusRequest.current ? document.getElementById(fieldId(focusRequest.current)) : null;
    focusRequest.current = null;
    (requested ?? heading.current)?.focus();
  }, [focusRequest, focusTurn]);
  return (
    <section aria-labelledby="step-heading" className="space-y-5">
      <div>
        <h2 id="step-heading" ref={heading} tabIndex={-1} className="text-xl font-semibold outline-none">
          {title}
        </h2>
        {intro && <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{intro}</p>}
      </div>
      {children}
    </section>
  );
}

export function FieldGrid({ children }: { children: ReactNode }) {
  return <div className="grid gap-4 sm:grid-cols-2">{children}</div>;
}
