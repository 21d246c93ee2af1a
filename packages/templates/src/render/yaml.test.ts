import fc from "fast-check";
import { expect, test } from "vitest";
import { parse } from "yaml";
import type { Json } from "./cfn.js";
import { toYaml } from "./yaml.js";

const roundTrip = (value: Json, version: "1.1" | "1.2") => parse(toYaml(value), { version });

test("strings a YAML reader would turn into something else stay strings", () => {
  const tricky = [
    "8.0",
    "yes",
    "No",
    "on",
    "2010-09-09",
    "0777",
    "null",
    "~",
    "",
    " lead",
    "trail ",
    "a: b",
    "x #y",
    "-1",
    "true",
    "@at",
    "*ref",
  ];
  for (const version of ["1.1", "1.2"] as const)
    expect(roundTrip({ values: tricky }, version)).toEqual({ values: tricky });
});

test("multi-line text becomes a literal block and reads back exactly (user data)", () => {
  const script = "#!/bin/bash\nset -euo pipefail\n\ncat > /x <<'EOF'\n  indented\nEOF\n";
  const yaml = toYaml({ UserData: script, NoNewline: "a\nb", Extra: "a\n\n\n" });
  expect(yaml).toContain("UserData: |\n  #!/bin/bash\n  set -euo pipefail\n\n  cat");
  expect(parse(yaml)).toEqual({ UserData: script, NoNewline: "a\nb", Extra: "a\n\n\n" });
});

test("any JSON value reads back identically, in YAML 1.1 and 1.2", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const json = JSON.parse(JSON.stringify(value)) as Json; // -0 and the like normalised as in a template
      expect(roundTrip(json, "1.2")).toEqual(json);
      expect(roundTrip(json, "1.1")).toEqual(json);
    }),
    { numRuns: 2000 },
  );
}, 60_000);
