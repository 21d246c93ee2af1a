"use client";
// Import a spec JSON file (its problems are shown beside the fields they concern; unknown fields, which
// no input could fix, are dropped and listed) and export the spec as typed.
import { parseEnvironmentSpec } from "@stackyard/templates";
import { useRef, useState } from "react";
import { getAtPath, type SpecDraft, setAtPath } from "../_wizard/form-model";
import { useWizard } from "../_wizard/use-wizard";

// packages/templates reports an unrecognised key with this message (see its parse.ts).
const UNKNOWN_FIELD = "unknown field (a typo?)";

function importSpec(
  text: string,
): { spec: SpecDraft; dropped: string[]; problems: number } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return { error: "the file must hold a JSON object (a spec)" };
  let spec = parsed as SpecDraft;
  const check = parseEnvironmentSpec(spec);
  const errors = check.ok ? [] : check.errors;
  const dropped = errors.filter((e) => e.message === UNKNOWN_FIELD).map((e) => e.path);
  for (const path of dropped) spec = setAtPath(spec, path, undefined);
  return { spec, dropped, problems: errors.length - dropped.length };
}

export function ImportExport() {
  const wizard = useWizard();
  const fileInput = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<string | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const result = importSpec(await file.text());
    if ("error" in result) return setNote(`Could not import ${file.name}: ${result.error}.`);
    wizard.replaceSpec(result.spec);
    const parts = [`Imported ${file.name}`];
    if (result.problems)
      parts.push(`${result.problems} problem${result.problems === 1 ? "" : "s"} shown beside the fields`);
    if (result.dropped.length)
      parts.push(
        `ignored unknown field${result.dropped.length === 1 ? "" : "s"} ${result.dropped.join(", ")}`,
      );
    setNote(`${parts.join("; ")}.`);
    if (fileInput.current) fileInput.current.value = "";
  };
  const exportSpec = () => {
    const name = String(getAtPath(wizard.spec, "name") ?? "environment");
    const blob = new Blob([`${JSON.stringify(wizard.spec, null, 2)}\n`], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    Object.assign(document.createElement("a"), { href: url, download: `${name}.spec.json` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  const button =
    "rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className={`${button} cursor-pointer focus-within:ring-2 focus-within:ring-indigo-500`}>
        Import spec…
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          onChange={(event) => onFile(event.target.files?.[0])}
        />
      </label>
      <button type="button" className={button} onClick={exportSpec}>
        Export spec
      </button>
      <p
        aria-live="polite"
        data-testid="import-note"
        className="w-full text-sm text-slate-700 dark:text-slate-300"
      >
        {note}
      </p>
    </div>
  );
}
