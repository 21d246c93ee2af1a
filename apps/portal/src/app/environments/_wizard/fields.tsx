"use client";
// Labelled inputs bound to a spec path. Each shows its errors beside it, marks itself aria-invalid, and
// points aria-describedby at its error and hint, so a screen reader reads why a value is refused.
import type { ReactNode } from "react";
import { fieldId, getAtPath, numberFromText } from "./form-model";
import { useWizard } from "./use-wizard";

interface FieldProps {
  path: string;
  label: string;
  hint?: ReactNode;
}

const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 aria-invalid:border-red-600 aria-invalid:ring-red-600 dark:border-slate-600 dark:bg-slate-900 dark:aria-invalid:border-red-400";

function useField(path: string) {
  const wizard = useWizard();
  const id = fieldId(path);
  const errors = wizard.shownErrors.get(path) ?? [];
  return { wizard, id, errors, value: getAtPath(wizard.spec, path) };
}

function describedBy(id: string, errors: string[], hint: ReactNode) {
  return (
    [errors.length ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined
  );
}

function FieldFrame(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      {props.children}
      {props.errors.length > 0 && (
        <p id={`${props.id}-error`} className="text-sm text-red-700 dark:text-red-400" data-field-error>
          {props.errors.join("; ")}
        </p>
      )}
      {props.hint && (
        <p id={`${props.id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {props.hint}
        </p>
      )}
    </div>
  );
}

const asText = (value: unknown) => (value === null || value === undefined ? "" : String(value));

export function TextField({ path, label, hint, placeholder }: FieldProps & { placeholder?: string }) {
  const { wizard, id, errors, value } = useField(path);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <input
        id={id}
        type="text"
        className={inputClass}
        value={asText(value)}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy(id, errors, hint)}
        onChange={(event) => wizard.setField(path, event.target.value)}
        onBlur={wizard.showErrorsNow}
      />
    </FieldFrame>
  );
}

/** A text input, not type=number: what was typed is kept (and restored) even when it is not a number. */
export function NumberField({ path, label, hint }: FieldProps) {
  const { wizard, id, errors, value } = useField(path);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        className={inputClass}
        value={asText(value)}
        autoComplete="off"
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy(id, errors, hint)}
        onChange={(event) => wizard.setField(path, numberFromText(event.target.value))}
        onBlur={wizard.showErrorsNow}
      />
    </FieldFrame>
  );
}

export function SelectField<T extends string | number>({
  path,
  label,
  hint,
  options,
}: FieldProps & { options: readonly { value: T; label: string }[] }) {
  const { wizard, id, errors, value } = useField(path);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <select
        id={id}
        className={inputClass}
        value={asText(value)}
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy(id, errors, hint)}
        onChange={(event) => {
          const picked = options.find((option) => String(option.value) === event.target.value);
          wizard.setField(path, picked?.value ?? event.target.value);
        }}
        onBlur={wizard.showErrorsNow}
      >
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({ path, label, hint }: FieldProps) {
  const { wizard, id, errors, value } = useField(path);
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          className="size-4 accent-indigo-600"
          checked={value === true}
          aria-invalid={errors.length > 0}
          aria-describedby={describedBy(id, errors, hint)}
          onChange={(event) => wizard.setField(path, event.target.checked)}
        />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
      </div>
      {errors.length > 0 && (
        <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400" data-field-error>
          {errors.join("; ")}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
    </div>
  );
}
