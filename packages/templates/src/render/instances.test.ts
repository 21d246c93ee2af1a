import { describe, expect, test } from "vitest";
import { renderTemplate } from "../index.js";
import { SPEC_VARIANTS } from "../testing/variants.test-helpers.js";
import { ID } from "./ids.js";
import { hasInstances } from "./instances.js";

describe("the instances' AMI", () => {
  // An AWS::SSM::Parameter::Value<...> parameter is resolved again on every stack update, even with
  // UsePreviousValue (which keeps the parameter name, not the resolved value): each new Ubuntu image would
  // replace nginx and the bastion on any update.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Parameter.html
  test.each(Object.entries(SPEC_VARIANTS))("%s: a plain image ID with no SSM default", (_name, input) => {
    const rendered = renderTemplate(input);
    const parameter = rendered.template.Parameters?.[ID.amiParameter];
    expect(parameter !== undefined).toBe(hasInstances(rendered.spec));
    if (!parameter) return;
    expect(parameter.Type).toBe("AWS::EC2::Image::Id");
    expect(parameter.Default).toBeUndefined();
  });
});
