"use client";
// The admin sets a first password and hands it over; the portal never sends e-mail.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ROLES, type Role } from "@/server/auth/roles";
import { useTRPC } from "@/trpc/client";
import { fieldMessage, TextField } from "../../_auth/text-field";

const EMPTY = { email: "", name: "", password: "", role: "viewer" as Role };

export function CreateUserForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roleId = useId();
  const [form, setForm] = useState(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: (user) => {
        setCreated(`${user.email} can now sign in as a ${user.role}.`);
        setForm(EMPTY);
        void queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
    }),
  );
  const error = create.error;
  return (
    <section aria-labelledby="create-user-heading" className="max-w-md space-y-4">
      <h2 id="create-user-heading" className="text-lg font-semibold">
        Add a user
      </h2>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          setCreated(null);
          create.mutate(form);
        }}
      >
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="off"
          value={form.email}
          onChange={(email) => setForm({ ...form, email })}
          error={fieldMessage(error, "email", "E-mail")}
        />
        <TextField
          label="Name"
          name="name"
          autoComplete="off"
          value={form.name}
          onChange={(name) => setForm({ ...form, name })}
          error={fieldMessage(error, "name", "Name")}
        />
        <TextField
          label="First password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(password) => setForm({ ...form, password })}
          hint="At least 12 characters; give it to the person over a private channel."
          error={fieldMessage(error, "password", "First password")}
        />
        <div className="space-y-1">
          <label htmlFor={roleId} className="block text-sm font-medium">
            Role
          </label>
          <select
            id={roleId}
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        {error && !error.data?.fieldErrors?.length && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {error.message}
          </p>
        )}
        {created && (
          <p role="status" className="text-emerald-800 dark:text-emerald-300">
            {created}
          </p>
        )}
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          Add user
        </button>
      </form>
    </section>
  );
}
