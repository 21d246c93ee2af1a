"use client";
// The signed-in user, for hiding what a role cannot do (the server refuses it regardless). The root
// layout reads the session on the server and provides it, so no request is needed in the browser.
import { createContext, createElement, type ReactNode, useContext } from "react";
import type { Role } from "@/server/auth/roles";

export interface Me {
  id: string;
  email: string;
  role: Role;
}

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me | null; children: ReactNode }) {
  return createElement(MeContext.Provider, { value: me }, children);
}

export function useMe() {
  const user = useContext(MeContext);
  return {
    user,
    canLaunch: user?.role === "deployer" || user?.role === "admin",
    /** Owners change their own environments; admins change any. */
    mayChange: (ownerId: string | null) =>
      user?.role === "admin" || (user?.role === "deployer" && ownerId === user.id),
  };
}
