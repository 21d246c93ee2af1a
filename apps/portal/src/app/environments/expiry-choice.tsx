"use client";
// The "Delete automatically after …" fields, shared by the wizard's review step and the dashboard.
import { useId } from "react";
import { EXPIRY_PRESETS, EXPIRY_UNITS, type ExpiryChoice, type ExpiryUnit, expiryFrom } from "./expiry-model";

const field =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

export function ExpiryChoiceFields({
  value,
  onChange,
}: {
  value: ExpiryChoice;
  onChange: (next: ExpiryChoice) => void;
}) {
  const ids = { preset: useId(), amount: useId(), unit: useId(), error: useId() };
  const result = expiryFrom(value);
  const error = result.ok ? null : result.message;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <label htmlFor={ids.preset} className="space-y-1 text-sm">
        <span className="block font-medium">Delete automatically after</span>
        <select
          id={ids.preset}
          value={value.preset}
          onChange={(e) => onChange({ ...value, preset: e.target.value as ExpiryChoice["preset"] })}
          className={field}
        >
          {EXPIRY_PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
        </select>
      </label>
      {value.preset === "custom" && (
        <>
          <label htmlFor={ids.amount} className="space-y-1 text-sm">
            <span className="block font-medium">Amount</span>
            <input
              id={ids.amount}
              inputMode="numeric"
              value={value.amount}
              onChange={(e) => onChange({ ...value, amount: e.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
              className={`${field} w-20`}
            />
          </label>
          <label htmlFor={ids.unit} className="space-y-1 text-sm">
            <span className="block font-medium">Unit</span>
            <select
              id={ids.unit}
              value={value.unit}
              onChange={(e) => onChange({ ...value, unit: e.target.value as ExpiryUnit })}
              className={field}
            >
              {Object.keys(EXPIRY_UNITS).map((unit) => (
                <option key={unit} value={unit}>
                  {unit}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {error && (
        <p id={ids.error} role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
