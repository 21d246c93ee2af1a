// Regenerates src/replacement/replacement-table.json from @aws-cdk/aws-service-spec for every resource
// type the renderer emits. Run after adding a resource type or upgrading the spec package:
//   npx tsx scripts/replacement-table.ts
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serviceSpecReplacementTable } from "../src/testing/replacement-table.test-helpers.js";

const target = fileURLToPath(new URL("../src/replacement/replacement-table.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(serviceSpecReplacementTable(), null, 2)}\n`);
console.log(`wrote ${target}`);
