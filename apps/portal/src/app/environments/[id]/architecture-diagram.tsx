"use client";
// The environment's three-tier architecture, drawn from the rendered template and coloured by each
// resource's status. Activating a node filters the event list to that resource (again: shows all).
import type { CfnResource, EnvironmentSpec } from "@stackyard/templates";
import { useParams } from "next/navigation";
import { useMemo } from "react";
import { buildArchitecture } from "./architecture-model";
import { Legend, NodeButton, type NodeSelection, SubnetFrame, Tier } from "./architecture-node";
import type { StatusEvent } from "./architecture-status";
import type { Architecture, ArchNode, SubnetBox } from "./architecture-types";
import { useDriftMarks } from "./drift-panel";

interface Props {
  rendered: { spec: EnvironmentSpec; template: { Resources: Record<string, CfnResource> } } | null;
  events: StatusEvent[];
  /** The event list's resource filter ("" for none). */
  resourceFilter: string;
  onResourceFilterChange: (logicalId: string) => void;
}

export function ArchitectureDiagram({ rendered, events, resourceFilter, onResourceFilterChange }: Props) {
  const architecture = useMemo(
    () => (rendered ? buildArchitecture(rendered, events) : null),
    [rendered, events],
  );
  // Drift markers from the last detection of this page's environment (none on pages without an id).
  const drift = useDriftMarks(useParams<{ id?: string }>()?.id);
  if (!architecture) return null;
  const selection: NodeSelection = {
    selected: resourceFilter || null,
    onSelect: (logicalId) => onResourceFilterChange(resourceFilter === logicalId ? "" : logicalId),
    drift,
  };
  return (
    <section aria-labelledby="architecture-heading" className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id="architecture-heading" className="font-medium">
          Architecture
        </h2>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Select a resource to show only its events.
        </p>
        {resourceFilter && (
          <button
            type="button"
            onClick={() => onResourceFilterChange("")}
            className="text-xs text-sky-700 underline dark:text-sky-400"
          >
            Show all events
          </button>
        )}
      </div>
      <Legend />
      <div className="overflow-x-auto pb-1">
        <div className="min-w-[34rem] space-y-1">
          <OutsideRow architecture={architecture} selection={selection} />
          <Arrow architecture={architecture} from="internet" to="InternetGateway" />
          <VpcFrame architecture={architecture} selection={selection} />
        </div>
      </div>
      <Connections architecture={architecture} />
    </section>
  );
}

function OutsideRow({ architecture, selection }: { architecture: Architecture; selection: NodeSelection }) {
  return (
    <div className="grid grid-cols-3 gap-2">
      {architecture.outside.map((node) => (
        <NodeButton key={node.id} node={node} selection={selection} />
      ))}
    </div>
  );
}

function VpcFrame({ architecture, selection }: { architecture: Architecture; selection: NodeSelection }) {
  const { vpc, loadBalancer, service } = architecture;
  return (
    <div className="space-y-1 rounded-lg border-2 border-dashed border-sky-300 p-2 dark:border-sky-800">
      {vpc && (
        <div className="max-w-60">
          <NodeButton node={vpc} selection={selection} />
        </div>
      )}
      <Tier title="Public subnets">
        <Zones architecture={architecture} boxes={architecture.publicSubnets} selection={selection} />
      </Tier>
      {loadBalancer && (
        <>
          <Arrow architecture={architecture} from={edgeSource(architecture)} to="AppLoadBalancer" />
          <Tier
            title={
              loadBalancer.tier === "public"
                ? "Load balancer (public subnets)"
                : "Load balancer (private subnets)"
            }
          >
            <NodeButton node={loadBalancer.node} selection={selection} />
          </Tier>
        </>
      )}
      {service && (
        <>
          <Arrow architecture={architecture} from="AppLoadBalancer" to="AppService" />
          <Tier title="Application (private subnets)">
            <NodeButton node={service} selection={selection} />
          </Tier>
          <Arrow architecture={architecture} from="AppService" to="DbInstance" />
        </>
      )}
      <Tier title="Private subnets">
        <Zones architecture={architecture} boxes={architecture.privateSubnets} selection={selection} />
      </Tier>
    </div>
  );
}

const edgeSource = (architecture: Architecture) =>
  architecture.nodes.some((n) => n.id === "NginxInstance") ? "NginxInstance" : "InternetGateway";

function Zones({
  architecture,
  boxes,
  selection,
}: {
  architecture: Architecture;
  boxes: SubnetBox[];
  selection: NodeSelection;
}) {
  return (
    <div
      className="grid gap-2"
      style={{ gridTemplateColumns: `repeat(${architecture.zones.length}, minmax(0, 1fr))` }}
    >
      {architecture.zones.map((zone) => (
        <div key={zone} className="space-y-1">
          <p className="text-[11px] text-slate-500 dark:text-slate-400">Zone {zone + 1}</p>
          {boxes
            .filter((box) => box.zone === zone)
            .map((box) => (
              <SubnetFrame key={box.subnet.id} box={box} selection={selection} />
            ))}
        </div>
      ))}
    </div>
  );
}

/** A downward arrow labelled with the connection's protocol; the Connections list says the same in text. */
function Arrow({ architecture, from, to }: { architecture: Architecture; from: string; to: string }) {
  const edge = architecture.edges.find((e) => e.from === from && e.to === to);
  if (!edge) return null;
  return (
    <p aria-hidden="true" className="pl-4 text-[11px] text-slate-500 dark:text-slate-400">
      ↓ {edge.label}
    </p>
  );
}

function Connections({ architecture }: { architecture: Architecture }) {
  const name = (id: string) => architecture.nodes.find((n: ArchNode) => n.id === id)?.label ?? id;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Connections as text</summary>
      <ul className="mt-1 list-disc pl-5">
        {architecture.edges.map((edge) => (
          <li key={`${edge.from}>${edge.to}`}>
            {name(edge.from)} → {name(edge.to)}: {edge.label}
          </li>
        ))}
      </ul>
    </details>
  );
}
