"use client";
import { CheckboxField, NumberField, SelectField, TextField } from "./fields";
import { FieldGrid, StepSection } from "./step-section";

const ENGINE_VERSIONS = [
  { value: "8.0", label: "MySQL 8.0 (Extended Support: billed extra)" },
  { value: "8.4", label: "MySQL 8.4 (LTS)" },
] as const;

export function DatabaseStep() {
  return (
    <StepSection
      title="Database"
      intro="RDS MySQL in the private subnets, encrypted. Its master password is created and kept by RDS in Secrets Manager: it never appears in the template, a log or this browser."
    >
      <FieldGrid>
        <TextField path="database.name" label="Database name" />
        <SelectField path="database.engineVersion" label="Engine version" options={ENGINE_VERSIONS} />
        <TextField
          path="database.instanceClass"
          label="Instance class"
          hint="For example db.t3.micro, db.t4g.medium, db.m6g.large."
        />
        <NumberField path="database.allocatedStorageGb" label="Storage (GiB)" hint="20 to 6144 GiB of gp3." />
        <NumberField
          path="database.backupRetentionDays"
          label="Backup retention (days)"
          hint="1 to 35 days of automated backups."
        />
      </FieldGrid>
      <CheckboxField
        path="database.multiAz"
        label="Multi-AZ"
        hint="A standby in a second zone takes over on failure; doubles the instance cost."
      />
      <CheckboxField
        path="database.deletionProtection"
        label="Deletion protection"
        hint="The database cannot be deleted until this is turned off."
      />
    </StepSection>
  );
}
