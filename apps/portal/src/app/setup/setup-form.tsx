"use client";
// First run: the person who installs the portal becomes its first admin. There is no default password.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { FormProblem, SubmitButton } from "../_auth/form-parts";
import { fieldMessage, TextField } from "../_auth/text-field";

export function SetupForm() {
  const trpc = useTRPC();
  const [form, setForm] = useState({ setupToken: "", name: "", email: "", password: "" });
  // A full navigation, so the server renders the signed-in header.
  const setup = useMutation(
    trpc.auth.setup.mutationOptions({ onSuccess: () => window.location.assign("/") }),
  );
  const error = setup.error;
  return (
    <form
      className="max-w-md space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setup.mutate(form);
      }}
    >
      <TextField
        label="Setup token"
        name="setupToken"
        autoComplete="off"
        value={form.setupToken}
        onChange={(setupToken) => setForm({ ...form, setupToken })}
        hint="Printed by npm start; also in the file setup-token in the portal's data folder."
        error={fieldMessage(error, "setupToken", "Setup token")}
      />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        value={form.name}
        onChange={(name) => setForm({ ...form, name })}
        error={fieldMessage(error, "name", "Name")}
      />
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
        autoComplete="new-password"
        value={form.password}
        onChange={(password) => setForm({ ...form, password })}
        hint="At least 12 characters. A passphrase of several words is easy to type and hard to guess."
        error={fieldMessage(error, "password", "Password")}
      />
      <FormProblem error={error} />
      <SubmitButton pending={setup.isPending} label="Create admin account" busyLabel="Creating…" />
    </form>
  );
}
