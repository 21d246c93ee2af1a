import { stackyardVitestConfig } from "../../vitest.shared.ts";

export default stackyardVitestConfig("deploy");
