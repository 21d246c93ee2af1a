// stackyard login --url URL: reads a personal API token from stdin (never from the command line, where
// it would land in shell history and `ps`), checks it with the portal, and stores URL and token 0600
// under the user's config dir. STACKYARD_URL + STACKYARD_TOKEN still win over the stored login.
import { jsonOption, noPositionals, parse } from "../args.js";
import { writeCredentials } from "../credentials.js";
import { badInput, CliError } from "../errors.js";
import { Portal } from "../portal.js";
import type { Command } from "./command.js";

interface Me {
  user: { email: string; name: string | null; role: string } | null;
}

export const login: Command = {
  usage: "login --url URL [--json]                    read a token on stdin, check it, store it (0600)",
  async run(args, io) {
    const { values, positionals } = parse("login", args, { ...jsonOption, url: { type: "string" } });
    noPositionals(positionals, "login");
    if (!values.url) throw badInput("login needs --url URL (the portal's address)");
    if (!io.readStdin) throw badInput("login reads the token on stdin");
    const token = (await io.readStdin()).trim();
    if (!token) throw badInput("no token on stdin: make one on the portal's API tokens page and pipe it in");
    if (/\s/.test(token)) throw badInput("the token on stdin must be one line without spaces");
    const url = values.url.replace(/\/+$/, "");
    const me = await new Portal({ url, token, fetch: io.fetch }).query<Me>("auth.me");
    if (!me.user) throw new CliError(`the portal at ${url} did not accept the token`);
    const file = await writeCredentials(io.env, { url, token });
    if (values.json)
      io.stdout(`${JSON.stringify({ url, email: me.user.email, role: me.user.role, file })}\n`);
    else io.stdout(`logged in to ${url} as ${me.user.email} (${me.user.role}); token stored in ${file}\n`);
    return 0;
  },
};
