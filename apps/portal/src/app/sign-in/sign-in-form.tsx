"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { FormProblem, SubmitButton } from "../_auth/form-parts";
import { fieldMessage, TextField } from "../_auth/text-field";

export function SignInForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const [form, setForm] = useState({ email: "", password: "" });
  // A full navigation, so the server renders the signed-in header and the page's own access check.
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({ onSuccess: () => window.location.assign(next) }),
  );
  const error = signIn.error;
  return (
    <form
      className="max-w-md space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        signIn.mutate(form);
      }}
    >
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="username"
        value={form.email}
        onChange={(email) => setForm({ ...form, email })}
        error={fieldMessage(error, "email", "E-mail")}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={form.password}
        onChange={(password) => setForm({ ...form, password })}
        error={fieldMessage(error, "password", "Password")}
      />
      <FormProblem error={error} />
      <SubmitButton pending={signIn.isPending} label="Sign in" busyLabel="Signing in…" />
    </form>
  );
}
