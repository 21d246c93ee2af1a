"use client";
// The template, its checks and its cost, computed in the browser from the current spec (the templates
// package is pure), so they follow every keystroke without a round trip. While the spec has errors the
// last valid result stays on screen, marked as such.
import {
  type CfnTemplate,
  type CostEstimate,
  type EnvironmentSpec,
  estimateMonthlyCost,
  renderTemplate,
} from "@stackyard/templates";
import { useMemo, useRef } from "react";
import { type CostDriver, costDrivers } from "./cost-drivers";

export interface SpecPreview {
  yaml: string;
  json: string;
  /** The template object, for the checks (run on Review only: they cost more than the preview). */
  template: CfnTemplate;
  cost: CostEstimate;
  drivers: CostDriver[];
  /** False when the spec has errors and this is the last valid result. */
  current: boolean;
}

export function useSpecPreview(validSpec: EnvironmentSpec | null): SpecPreview | null {
  const lastGood = useRef<SpecPreview | null>(null);
  return useMemo(() => {
    if (!validSpec) return lastGood.current ? { ...lastGood.current, current: false } : null;
    const { yaml, json, template } = renderTemplate(validSpec);
    lastGood.current = {
      yaml,
      json,
      template,
      cost: estimateMonthlyCost(validSpec),
      drivers: costDrivers(validSpec),
      current: true,
    };
    return lastGood.current;
  }, [validSpec]);
}
