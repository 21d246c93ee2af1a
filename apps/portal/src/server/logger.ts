// The portal's one logger: pino JSON on stdout at LOG_LEVEL, passed to the deploy engine and its drivers,
// so every server line has the same shape. Modules take a child with their component's name.
import "server-only";
import { logFormat } from "@stackyard/deploy";
import { pino } from "pino";
import { runtimeConfig } from "./config";

export const logger = pino({ ...logFormat, level: runtimeConfig().logLevel, base: { app: "portal" } });

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
