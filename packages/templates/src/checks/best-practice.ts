// Best practice for the resources this architecture uses: RDS encrypted, private, Multi-AZ, backed up and
// snapshotted on delete; EC2 with IMDSv2 and encrypted volumes; ECS with a circuit breaker.
import type { CfnResource, CfnTemplate } from "../render/cfn.js";
import { type Finding, finding, type Severity } from "./finding.js";
import { isObject, props, resourcesOfType } from "./walk.js";

const CHECK = "best-practice";

export function checkBestPractice(template: CfnTemplate): Finding[] {
  const findings: Finding[] = [];
  const add = (severity: Severity, id: string, message: string, specField: string | null = null) =>
    findings.push(finding(CHECK, severity, id, message, specField));

  for (const [id, db] of resourcesOfType(template, "AWS::RDS::DBInstance")) {
    const p = props(db);
    if (p.StorageEncrypted !== true) add("error", id, "database storage is not encrypted");
    if (p.PubliclyAccessible === true) add("error", id, "database is publicly accessible");
    if (p.MultiAZ !== true)
      add("warning", id, "database is single-AZ: a zone outage takes it down", "database.multiAz");
    if (p.DeletionProtection !== true) {
      add("warning", id, "database deletion protection is off", "database.deletionProtection");
    }
    if (typeof p.BackupRetentionPeriod === "number" && p.BackupRetentionPeriod < 1) {
      add("error", id, "automated backups are off", "database.backupRetentionDays");
    }
    if (db.DeletionPolicy !== "Snapshot" && db.DeletionPolicy !== "Retain") {
      add("error", id, "deleting the stack would delete the data (DeletionPolicy is not Snapshot)");
    }
    if (p.ManageMasterUserPassword !== true) {
      add("warning", id, "the master password is not managed by RDS in Secrets Manager");
    }
  }
  for (const [id, instance] of resourcesOfType(template, "AWS::EC2::Instance"))
    checkInstance(id, instance, add);
  for (const [id, service] of resourcesOfType(template, "AWS::ECS::Service")) {
    const config = props(service).DeploymentConfiguration;
    const breaker = isObject(config) ? config.DeploymentCircuitBreaker : undefined;
    if (!isObject(breaker) || breaker.Enable !== true || breaker.Rollback !== true) {
      add(
        "warning",
        id,
        "a failing deployment will not roll back by itself (no circuit breaker with rollback)",
      );
    }
  }
  for (const [id, repository] of resourcesOfType(template, "AWS::ECR::Repository")) {
    const scanning = props(repository).ImageScanningConfiguration;
    if (!isObject(scanning) || scanning.ScanOnPush !== true)
      add("warning", id, "images are not scanned on push");
  }
  for (const [id, group] of resourcesOfType(template, "AWS::Logs::LogGroup")) {
    if (props(group).RetentionInDays === undefined)
      add("info", id, "logs are kept forever (no retention), and billed");
  }
  if (
    resourcesOfType(template, "AWS::EC2::FlowLog").length === 0 &&
    resourcesOfType(template, "AWS::EC2::VPC").length
  ) {
    add("warning", resourcesOfType(template, "AWS::EC2::VPC")[0]?.[0] ?? "", "the VPC has no flow logs");
  }
  return findings;
}

function checkInstance(
  id: string,
  instance: CfnResource,
  add: (s: Severity, id: string, m: string) => void,
): void {
  const p = props(instance);
  const metadata = p.MetadataOptions;
  if (!isObject(metadata) || metadata.HttpTokens !== "required") {
    add(
      "error",
      id,
      "IMDSv2 is not required: the instance metadata service answers token-less (SSRF-prone) requests",
    );
  }
  const mappings = Array.isArray(p.BlockDeviceMappings) ? p.BlockDeviceMappings : [];
  const encrypted =
    mappings.length > 0 && mappings.every((m) => isObject(m) && isObject(m.Ebs) && m.Ebs.Encrypted === true);
  if (!encrypted) add("error", id, "the root volume is not encrypted");
}
