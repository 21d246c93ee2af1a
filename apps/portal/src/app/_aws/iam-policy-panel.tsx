"use client";
// The deploy permissions for one environment, shown where AWS said no (or cannot be reached for lack of
// credentials): the bootstrap step, what to attach to the portal's identity, and the CloudFormation service
// role's policy for review, ready to copy or download.
import { useMemo, useState } from "react";
import { iamPolicyCommand, iamPolicyView, policyFileName } from "./iam-policy-model";

const button =
  "rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-400 dark:border-slate-600 dark:hover:bg-slate-800";

export function IamPolicyPanel(props: { spec: unknown; accountId?: string | null; intro: string }) {
  const view = useMemo(() => iamPolicyView(props.spec, props.accountId), [props.spec, props.accountId]);
  return (
    <details
      className="rounded-lg border border-slate-300 p-3 text-sm dark:border-slate-700"
      data-testid="iam-policy"
    >
      <summary className="cursor-pointer font-medium">
        The IAM policy the portal needs for this environment
      </summary>
      <div className="mt-2 space-y-3">
        <p className="text-slate-700 dark:text-slate-300">{props.intro}</p>
        {view.ok ? (
          <>
            <section aria-label="Bootstrap" className="space-y-1" data-testid="iam-bootstrap">
              <h3 className="font-medium">1. Once per account and region: the bootstrap stack</h3>
              <p className="text-slate-700 dark:text-slate-300">
                Like <code>cdk bootstrap</code>, an administrator deploys it once in {view.region}. It creates
                the CloudFormation service role the portal passes on every change set,{" "}
                <code>{view.serviceRoleArn}</code>, and the permissions boundary every role of an environment
                carries, so the portal itself never creates resources.
              </p>
              <pre className="overflow-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-900">
                {view.bootstrapCommands.join("\n")}
              </pre>
            </section>
            <h3 className="font-medium">2. The portal's identity</h3>
            <p className="text-slate-700 dark:text-slate-300">
              {view.parts.length === 1
                ? "Attach this managed policy"
                : `Attach these ${view.parts.length} managed policies (IAM limits one to 6,144 characters)`}{" "}
              to the identity the portal's server runs as, then reload this page. It allows CloudFormation on
              this environment's stack, passing the service role to CloudFormation only, and reads.
              {!view.accountId && " The account is left as * until the portal can tell which one it is."}
            </p>
            {view.parts.map((part, index) => (
              <PolicyPart
                // biome-ignore lint/suspicious/noArrayIndexKey: parts are fixed in order for a given spec.
                key={index}
                json={JSON.stringify(part, null, 2)}
                fileName={policyFileName(view.stackName, index + 1)}
                title={`Part ${index + 1} of ${view.parts.length}`}
                command={iamPolicyCommand(view.stackName, view.accountId, index + 1)}
              />
            ))}
            <details data-testid="iam-service-role">
              <summary className="cursor-pointer font-medium">
                3. What the CloudFormation service role needs for this environment
              </summary>
              <p className="mt-1 text-slate-700 dark:text-slate-300">
                The bootstrap stack's role already holds this for every Stackyard environment; shown for
                review. Every action AWS publishes for the resource handlers of this template, scoped to this
                stack where AWS allows; it may only create roles that carry the permissions boundary.
              </p>
              {view.serviceRoleParts.map((part, index) => (
                <PolicyPart
                  // biome-ignore lint/suspicious/noArrayIndexKey: parts are fixed in order for a given spec.
                  key={index}
                  json={JSON.stringify(part, null, 2)}
                  fileName={policyFileName(view.stackName, index + 1, "cloudformation")}
                  title={`Service role part ${index + 1} of ${view.serviceRoleParts.length}`}
                  command={iamPolicyCommand(view.stackName, view.accountId, index + 1, "cloudformation")}
                />
              ))}
            </details>
          </>
        ) : (
          <p className="text-amber-800 dark:text-amber-300">{view.reason}</p>
        )}
      </div>
    </details>
  );
}

function PolicyPart(props: { json: string; fileName: string; title: string; command: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.json);
      setCopied(`Copied ${props.title.toLowerCase()}`);
    } catch {
      setCopied("The browser refused the clipboard; select the text instead.");
    }
  };
  return (
    <section aria-label={props.title} className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium">{props.title}</h3>
        <button type="button" className={button} onClick={copy}>
          Copy
        </button>
        <a
          className={button}
          download={props.fileName}
          href={`data:application/json;charset=utf-8,${encodeURIComponent(props.json)}`}
        >
          Download {props.fileName}
        </a>
        <span role="status" className="text-xs text-slate-500">
          {copied}
        </span>
      </div>
      <pre
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
        tabIndex={0}
        className="max-h-64 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-900"
      >
        {props.json}
      </pre>
      <p className="text-xs text-slate-500">
        Or from a terminal, with the spec saved from the wizard: <code>{props.command}</code>
      </p>
    </section>
  );
}
