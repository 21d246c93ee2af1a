import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configDir, credentialsFile, resolveCredentials, writeCredentials } from "./credentials.js";

const fresh = () => ({ XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), "stackyard-xdg-")) });

describe("stored login", () => {
  it("lives under $XDG_CONFIG_HOME, else ~/.config", () => {
    expect(configDir({ XDG_CONFIG_HOME: "/x" })).toBe("/x/stackyard");
    expect(configDir({ HOME: "/home/ci" })).toBe("/home/ci/.config/stackyard");
  });

  it("is written 0600 in a 0700 folder, and read back", async () => {
    const env = fresh();
    const file = await writeCredentials(env, { url: "http://p", token: "sy_secret" });
    expect(file).toBe(credentialsFile(env));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(configDir(env)).mode & 0o777).toBe(0o700);
    expect(await resolveCredentials(env)).toEqual({ url: "http://p", token: "sy_secret" });
  });

  it("gives way to STACKYARD_URL + STACKYARD_TOKEN", async () => {
    const env = fresh();
    await writeCredentials(env, { url: "http://stored", token: "sy_stored" });
    const both = { ...env, STACKYARD_URL: "http://ci", STACKYARD_TOKEN: "sy_ci" };
    expect(await resolveCredentials(both)).toEqual({ url: "http://ci", token: "sy_ci" });
    // Never the stored token to another portal, nor another token to the stored portal.
    await expect(resolveCredentials({ ...env, STACKYARD_URL: "http://ci" })).rejects.toThrow(/set both/);
  });

  it("says so when the file is damaged", async () => {
    const env = fresh();
    await writeCredentials(env, { url: "http://p", token: "t" });
    const { writeFileSync } = await import("node:fs");
    writeFileSync(credentialsFile(env), "{ half");
    await expect(resolveCredentials(env)).rejects.toThrow(/is damaged: run stackyard login again/);
  });
});
