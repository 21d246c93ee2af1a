import { expect, test } from "vitest";
import { nginxUserData } from "../nginx/user-data.js";
import { renderTemplate } from "./template.js";

/** What CloudFormation does with Fn::Sub text: fill variables, turn "${!" back into "${". */
function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{(!?)([^}]*)\}/g, (_all, bang: string, name: string) =>
    bang ? `\${${name}}` : (values[name] ?? `<unresolved ${name}>`),
  );
}

test("the instance boots the exact script renderNginxConf/nginxUserData produce, with the ALB's DNS name filled in", () => {
  const spec = { edge: { domain: "notes.example.com", certbotEmail: "ops@example.com" } };
  const { template } = renderTemplate(spec);
  const userData = template.Resources.NginxInstance?.Properties?.UserData as {
    "Fn::Base64": { "Fn::Sub": string };
  };
  const alb = "internal-notes-1.us-east-1.elb.amazonaws.com";
  const booted = substitute(userData["Fn::Base64"]["Fn::Sub"], {
    "AppLoadBalancer.DNSName": alb,
    "AWS::StackName": "notes-prod",
    "AWS::Region": "us-east-1",
  });
  expect(booted).toBe(
    nginxUserData({
      albDnsName: alb,
      domain: "notes.example.com",
      certbotEmail: "ops@example.com",
      signal: { stackName: "notes-prod", resource: "NginxInstance", region: "us-east-1" },
    }),
  );
  expect(booted).toContain(`set $notes_upstream ${alb}:80;`);
});
