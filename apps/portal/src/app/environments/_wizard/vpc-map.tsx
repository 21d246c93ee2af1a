"use client";
// A picture of the VPC's address space: one bar for the VPC CIDR, each subnet laid in it at its offset
// and size, public and private apart, overlaps and strays in red. The table below says the same in words.
import {
  cidrsOverlap,
  formatAddress,
  type Ipv4Cidr,
  lastAddress,
  parseCidr,
  usableAddresses,
} from "@stackyard/templates";
import { getAtPath, type SpecDraft } from "./form-model";

interface PlacedSubnet {
  label: string;
  kind: "public" | "private";
  text: string;
  cidr: Ipv4Cidr | null;
  zone: string;
}

function placedSubnets(spec: SpecDraft): PlacedSubnet[] {
  const zones = Number(getAtPath(spec, "network.azCount")) || 2;
  return (["public", "private"] as const).flatMap((kind) => {
    const list = getAtPath(spec, `network.${kind}Subnets`);
    return (Array.isArray(list) ? list : []).map((text, index) => {
      const parsed = typeof text === "string" ? parseCidr(text) : null;
      return {
        label: `${kind} ${index + 1}`,
        kind,
        text: String(text ?? ""),
        cidr: parsed?.ok ? parsed.cidr : null,
        zone: String.fromCharCode(97 + (index % zones)),
      };
    });
  });
}

export function VpcMap({ spec }: { spec: SpecDraft }) {
  const vpcText = String(getAtPath(spec, "network.vpcCidr") ?? "");
  const vpc = parseCidr(vpcText);
  if (!vpc.ok)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Enter a valid VPC CIDR to see its address space.
      </p>
    );
  const subnets = placedSubnets(spec);
  const inside = (cidr: Ipv4Cidr) =>
    cidr.network >= vpc.cidr.network && cidr.network + cidr.size <= vpc.cidr.network + vpc.cidr.size;
  const clashes = (subnet: PlacedSubnet) =>
    subnet.cidr !== null &&
    (!inside(subnet.cidr) ||
      subnets.some(
        (other) => other !== subnet && other.cidr && subnet.cidr && cidrsOverlap(other.cidr, subnet.cidr),
      ));
  const percent = (value: number) => `${(value / vpc.cidr.size) * 100}%`;

  return (
    <figure className="space-y-2" aria-labelledby="vpc-map-caption">
      <figcaption id="vpc-map-caption" className="text-sm font-medium">
        Address space of {vpcText}: {formatAddress(vpc.cidr.network)} to {lastAddress(vpc.cidr)} (
        {vpc.cidr.size.toLocaleString("en-US")} addresses)
      </figcaption>
      <div className="space-y-1" aria-hidden="true">
        {(["public", "private"] as const).map((kind) => (
          <div
            key={kind}
            className="relative h-8 overflow-hidden rounded border border-slate-300 bg-slate-100 dark:border-slate-700 dark:bg-slate-800"
          >
            <span className="absolute top-1.5 right-2 text-xs text-slate-700 dark:text-slate-300">
              {kind}
            </span>
            {subnets
              .filter((subnet) => subnet.kind === kind && subnet.cidr && inside(subnet.cidr))
              .map((subnet) => (
                <div
                  key={subnet.label}
                  data-testid="vpc-map-subnet"
                  title={`${subnet.label}: ${subnet.text}`}
                  className={`absolute inset-y-0 min-w-0.5 border-x text-[10px] leading-8 overflow-hidden whitespace-nowrap px-0.5 ${
                    clashes(subnet)
                      ? "border-red-700 bg-red-400/70 text-red-950"
                      : kind === "public"
                        ? "border-sky-700 bg-sky-300/80 text-sky-950"
                        : "border-violet-700 bg-violet-300/80 text-violet-950"
                  }`}
                  style={{
                    left: percent((subnet.cidr?.network ?? 0) - vpc.cidr.network),
                    width: percent(subnet.cidr?.size ?? 0),
                  }}
                >
                  {subnet.text}
                </div>
              ))}
          </div>
        ))}
      </div>
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Subnets in the VPC</caption>
        <thead className="text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="py-1 font-medium">
              Subnet
            </th>
            <th scope="col" className="font-medium">
              Zone
            </th>
            <th scope="col" className="font-medium">
              Range
            </th>
            <th scope="col" className="font-medium">
              Usable
            </th>
          </tr>
        </thead>
        <tbody>
          {subnets.map((subnet) => (
            <tr key={subnet.label} className={clashes(subnet) ? "text-red-700 dark:text-red-400" : undefined}>
              <td className="py-0.5">{subnet.label}</td>
              <td>AZ {subnet.zone}</td>
              <td>
                {subnet.cidr
                  ? `${formatAddress(subnet.cidr.network)} – ${lastAddress(subnet.cidr)}`
                  : `${subnet.text || "(empty)"} (not a CIDR)`}
              </td>
              <td>{subnet.cidr ? usableAddresses(subnet.cidr).toLocaleString("en-US") : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
