"use client";
// The template, rendered in the browser from the current spec (the templates package is pure), so the
// preview follows every keystroke without a round trip. While the spec has errors the last valid
// rendering stays on screen, marked as such.
import { type EnvironmentSpec, renderTemplate } from "@stackyard/templates";
import { useMemo, useRef } from "react";

export interface TemplatePreview {
  yaml: string;
  json: string;
  /** False when the spec has errors and this is the last valid template. */
  current: boolean;
}

export function useTemplatePreview(validSpec: EnvironmentSpec | null): TemplatePreview | null {
  const lastGood = useRef<TemplatePreview | null>(null);
  return useMemo(() => {
    if (!validSpec) return lastGood.current ? { ...lastGood.current, current: false } : null;
    const { yaml, json } = renderTemplate(validSpec);
    lastGood.current = { yaml, json, current: true };
    return lastGood.current;
  }, [validSpec]);
}
