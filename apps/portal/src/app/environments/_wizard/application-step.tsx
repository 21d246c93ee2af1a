"use client";
import { describeFargateMemory, FARGATE_CPU_UNITS } from "@stackyard/templates";
import { NumberField, SelectField, TextField } from "./fields";
import { getAtPath } from "./form-model";
import { FieldGrid, StepSection } from "./step-section";
import { useWizard } from "./use-wizard";

const CPU_OPTIONS = FARGATE_CPU_UNITS.map((units) => ({
  value: units,
  label: `${units} units (${units / 1024} vCPU)`,
}));

export function ApplicationStep() {
  const wizard = useWizard();
  const cpu = Number(getAtPath(wizard.spec, "app.cpu"));
  return (
    <StepSection
      title="Application"
      intro="notes-api on ECS Fargate behind an internal load balancer, in the private subnets, with no public IP."
    >
      <TextField
        path="app.image"
        label="Container image (optional)"
        placeholder="123456789012.dkr.ecr.us-east-1.amazonaws.com/notes-api:1.0"
        hint="Leave empty to push the image to the stack's own ECR repository after launch; the service waits for it."
      />
      <FieldGrid>
        <SelectField path="app.cpu" label="Task CPU" options={CPU_OPTIONS} />
        <NumberField
          path="app.memoryMiB"
          label="Task memory (MiB)"
          hint={
            FARGATE_CPU_UNITS.includes(cpu)
              ? `Fargate offers ${describeFargateMemory(cpu)} MiB with ${cpu} CPU units.`
              : undefined
          }
        />
        <NumberField path="app.desiredCount" label="Desired tasks" />
        <NumberField path="app.containerPort" label="Container port" />
        <NumberField path="app.minCount" label="Minimum tasks (auto scaling)" />
        <NumberField path="app.maxCount" label="Maximum tasks (auto scaling)" />
      </FieldGrid>
    </StepSection>
  );
}
