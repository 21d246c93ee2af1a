"use client";
import { CheckboxField, SelectField, TextField } from "./fields";
import { getAtPath } from "./form-model";
import { FieldGrid, StepSection } from "./step-section";
import { UseMyAddressButton } from "./use-my-address";
import { useWizard } from "./use-wizard";

const TLS_OPTIONS = [
  { value: "none", label: "None: plain HTTP through nginx" },
  { value: "certbot", label: "Let's Encrypt: nginx gets a certificate with certbot" },
  { value: "acm", label: "ACM: the load balancer terminates TLS (no nginx)" },
] as const;
const ACCESS_OPTIONS = [
  { value: "ssm", label: "Session Manager (no open port)" },
  { value: "ssh", label: "SSH from one address range" },
] as const;

export function EdgeStep() {
  const wizard = useWizard();
  const tls = getAtPath(wizard.spec, "edge.tls");
  const bastionEnabled = getAtPath(wizard.spec, "bastion.enabled") === true;
  const ssh = getAtPath(wizard.spec, "bastion.access") === "ssh";
  return (
    <StepSection
      title="Edge & access"
      intro="How the app is reached from the internet, and how operators reach the private tier."
    >
      <FieldGrid>
        <TextField
          path="edge.domain"
          label="Domain (optional)"
          placeholder="notes.example.com"
          hint="No scheme, no path."
        />
        <SelectField path="edge.tls" label="TLS" options={TLS_OPTIONS} />
      </FieldGrid>
      {tls === "acm" && (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          ACM certificates cannot be installed on an EC2 instance, so with ACM the load balancer becomes the
          edge: it is internet-facing in the public subnets with HTTPS on the certificate, and no nginx
          instance is created.
        </p>
      )}
      <FieldGrid>
        {tls === "certbot" && (
          <TextField
            path="edge.certbotEmail"
            label="E-mail for Let's Encrypt"
            hint="Expiry notices go here."
          />
        )}
        {tls === "acm" && <TextField path="edge.acmCertificateArn" label="ACM certificate ARN" />}
        <TextField
          path="edge.hostedZoneId"
          label="Route 53 hosted zone ID (optional)"
          hint="Creates the DNS record for the domain."
        />
        {tls !== "acm" && <TextField path="edge.instanceType" label="nginx instance type" />}
      </FieldGrid>
      <h3 className="pt-2 text-base font-semibold">Bastion</h3>
      <CheckboxField
        path="bastion.enabled"
        label="Create a bastion host"
        hint="For database access and debugging from inside the VPC."
      />
      {bastionEnabled && (
        <FieldGrid>
          <SelectField path="bastion.access" label="Access" options={ACCESS_OPTIONS} />
          <TextField path="bastion.instanceType" label="Bastion instance type" />
        </FieldGrid>
      )}
      {bastionEnabled && ssh && (
        <FieldGrid>
          <div className="space-y-2">
            <TextField
              path="bastion.sshAllowedCidr"
              label="SSH allowed from (CIDR)"
              placeholder="203.0.113.7/32"
              hint="One range; never 0.0.0.0/0."
            />
            <UseMyAddressButton />
          </div>
          <TextField path="bastion.sshKeyName" label="EC2 key pair name (optional)" />
        </FieldGrid>
      )}
    </StepSection>
  );
}
