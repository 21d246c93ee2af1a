"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ROLES } from "@/server/auth/roles";
import { useTRPC } from "@/trpc/client";

export function UsersTable({ selfId }: { selfId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
  };
  const setRole = useMutation(trpc.users.setRole.mutationOptions(refresh));
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions(refresh));
  const unlock = useMutation(trpc.users.unlock.mutationOptions(refresh));
  const error = users.error ?? setRole.error ?? setDisabled.error ?? unlock.error;
  return (
    <section aria-labelledby="users-heading" className="space-y-3">
      <h2 id="users-heading" className="text-lg font-semibold">
        Accounts
      </h2>
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error.message}
        </p>
      )}
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="py-2">E-mail</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((user) => (
            <tr
              key={user.id}
              className="border-b border-slate-100 dark:border-slate-900"
              data-testid="user-row"
            >
              <td className="py-2 font-mono">{user.email}</td>
              <td>{user.name}</td>
              <td>
                <select
                  aria-label={`Role of ${user.email}`}
                  value={user.role}
                  onChange={(e) =>
                    setRole.mutate({ id: user.id, role: e.target.value as (typeof ROLES)[number] })
                  }
                  className="rounded border border-slate-300 bg-transparent px-1 py-0.5 dark:border-slate-700"
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {user.disabled ? "disabled" : "active"}
                {user.locked && " · locked (too many failed sign-ins)"}{" "}
                {user.locked && (
                  <button
                    type="button"
                    onClick={() => unlock.mutate({ userId: user.id })}
                    disabled={unlock.isPending}
                    className="ml-2 text-indigo-700 underline dark:text-indigo-300"
                  >
                    {`Unlock ${user.email}`}
                  </button>
                )}
                {user.id !== selfId && (
                  <button
                    type="button"
                    onClick={() => setDisabled.mutate({ id: user.id, disabled: !user.disabled })}
                    className="ml-2 text-indigo-700 underline dark:text-indigo-300"
                  >
                    {user.disabled ? `Enable ${user.email}` : `Disable ${user.email}`}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
