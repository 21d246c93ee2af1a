"use client";
// The header's account controls: who is signed in (linking to their account page, where the password is
// changed), their API tokens, sign out here, sign out on every device.
import { useMutation } from "@tanstack/react-query";
import type { Role } from "@/server/auth/roles";
import { useTRPC } from "@/trpc/client";

const BUTTON =
  "rounded px-2 py-1 text-sm text-slate-700 underline-offset-2 hover:underline dark:text-slate-200 disabled:opacity-60";

export function UserMenu({ email, role }: { email: string; role: Role }) {
  const trpc = useTRPC();
  const toSignIn = () => window.location.assign("/sign-in");
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSuccess: toSignIn }));
  const everywhere = useMutation(trpc.auth.signOutEverywhere.mutationOptions({ onSuccess: toSignIn }));
  return (
    <div className="ml-auto flex flex-wrap items-center gap-2">
      <a
        href="/account"
        title="Your account: change password"
        className="text-sm text-slate-600 underline-offset-2 hover:underline dark:text-slate-300"
        data-testid="signed-in-as"
      >
        {email} ({role})
      </a>
      <a
        href="/account/tokens"
        title="Personal API tokens for the CLI and pipelines"
        className="text-sm text-slate-700 underline-offset-2 hover:underline dark:text-slate-200"
      >
        API tokens
      </a>
      <button type="button" className={BUTTON} onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </button>
      <button
        type="button"
        className={BUTTON}
        onClick={() => everywhere.mutate()}
        disabled={everywhere.isPending}
      >
        Sign out everywhere
      </button>
    </div>
  );
}
