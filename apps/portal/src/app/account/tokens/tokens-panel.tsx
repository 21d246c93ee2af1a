"use client";
// Making, listing and revoking one's own API tokens. A new token is shown once, here, until the page is
// left; the list never has it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ROLES, type Role, roleAllows } from "@/server/auth/roles";
import { useTRPC } from "@/trpc/client";
import { FormProblem, SubmitButton } from "../../_auth/form-parts";
import { fieldMessage, TextField } from "../../_auth/text-field";

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const when = (date: Date | null) => (date ? DATE.format(new Date(date)) : "never");

export function TokensPanel({ role }: { role: Role }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.tokens.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
  const [form, setForm] = useState({ name: "", role, expiresInDays: "30" });
  const create = useMutation(trpc.tokens.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions({ onSuccess: refresh }));
  const error = create.error;
  // Announced with the field (aria-describedby), as TextField does for the others.
  const daysError = fieldMessage(error, "expiresInDays", "Expires in");
  const now = Date.now();
  return (
    <div className="space-y-8">
      <section aria-labelledby="new-token-heading" className="max-w-md space-y-4">
        <h2 id="new-token-heading" className="text-lg font-semibold">
          New token
        </h2>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name: form.name, role: form.role, expiresInDays: Number(form.expiresInDays) });
          }}
        >
          <TextField
            label="Name"
            name="name"
            autoComplete="off"
            value={form.name}
            onChange={(name) => setForm({ ...form, name })}
            hint="What uses it, e.g. the pipeline's name."
            error={fieldMessage(error, "name", "Name")}
          />
          <div className="space-y-1">
            <label htmlFor="token-role" className="block text-sm font-medium">
              Role
            </label>
            <select
              id="token-role"
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
              className="block rounded border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
            >
              {ROLES.filter((r) => roleAllows(role, r)).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="token-days" className="block text-sm font-medium">
              Expires in (days)
            </label>
            <input
              id="token-days"
              type="number"
              min={1}
              max={365}
              required
              value={form.expiresInDays}
              onChange={(e) => setForm({ ...form, expiresInDays: e.target.value })}
              aria-invalid={daysError ? true : undefined}
              aria-describedby={daysError ? "token-days-error" : undefined}
              className="block w-32 rounded border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
            />
            {daysError && (
              <p id="token-days-error" className="text-sm text-red-700 dark:text-red-400">
                {daysError}
              </p>
            )}
          </div>
          <FormProblem error={error} />
          <SubmitButton pending={create.isPending} label="Make token" busyLabel="Making…" />
        </form>
        {create.data && !create.isPending && (
          <div role="status" className="space-y-1 rounded border border-green-700 p-3">
            <p className="text-sm">
              Token <span className="font-semibold">{create.data.name}</span> — copy it now; it is not shown
              again:
            </p>
            <code data-testid="new-token" className="block break-all font-mono text-sm">
              {create.data.token}
            </code>
          </div>
        )}
      </section>

      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Your tokens
        </h2>
        {(tokens.error ?? revoke.error) && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {(tokens.error ?? revoke.error)?.message}
          </p>
        )}
        {tokens.data?.length === 0 && <p className="text-slate-600 dark:text-slate-300">No tokens yet.</p>}
        {Boolean(tokens.data?.length) && (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th className="py-2">Name</th>
                <th>Role</th>
                <th>Created</th>
                <th>Expires</th>
                <th>Last used</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data?.map((token) => {
                const expired = new Date(token.expiresAt).getTime() <= now;
                return (
                  <tr key={token.id} className="border-b border-slate-100 dark:border-slate-900">
                    <td className="py-2">{token.name}</td>
                    <td>{token.role}</td>
                    <td>{when(token.createdAt)}</td>
                    <td>{when(token.expiresAt)}</td>
                    <td>
                      {when(token.lastUsedAt)}
                      {token.lastUsedAddress ? ` from ${token.lastUsedAddress}` : ""}
                    </td>
                    <td>
                      {token.revokedAt ? (
                        "revoked"
                      ) : expired ? (
                        "expired"
                      ) : (
                        <button
                          type="button"
                          className="rounded px-2 py-1 text-red-700 underline-offset-2 hover:underline disabled:opacity-60 dark:text-red-400"
                          disabled={revoke.isPending}
                          onClick={() => revoke.mutate({ id: token.id })}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
