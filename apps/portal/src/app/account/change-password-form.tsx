"use client";
// Changing one's own password ends every other session of the account (this one stays signed in).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { FormProblem, SubmitButton } from "../_auth/form-parts";
import { fieldMessage, TextField } from "../_auth/text-field";

const EMPTY = { currentPassword: "", newPassword: "" };

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const [form, setForm] = useState(EMPTY);
  const change = useMutation(trpc.auth.changePassword.mutationOptions({ onSuccess: () => setForm(EMPTY) }));
  const error = change.error;
  const ended = change.data?.otherSessionsEnded;
  return (
    <section aria-labelledby="password-heading" className="max-w-md space-y-4">
      <h2 id="password-heading" className="text-lg font-semibold">
        Change password
      </h2>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate(form);
        }}
      >
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={form.currentPassword}
          onChange={(currentPassword) => setForm({ ...form, currentPassword })}
          error={fieldMessage(error, "currentPassword", "Current password")}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={form.newPassword}
          onChange={(newPassword) => setForm({ ...form, newPassword })}
          hint="At least 12 characters, not a common password. Your other sessions will be signed out."
          error={fieldMessage(error, "newPassword", "New password")}
        />
        <FormProblem error={error} />
        {ended !== undefined && !change.isPending && !error && (
          <p role="status" className="text-green-800 dark:text-green-300">
            Password changed; {ended === 1 ? "1 other session" : `${ended} other sessions`} signed out.
          </p>
        )}
        <SubmitButton pending={change.isPending} label="Change password" busyLabel="Changing…" />
      </form>
    </section>
  );
}
