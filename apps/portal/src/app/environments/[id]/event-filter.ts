// Which events the list shows. A resource filter that names a resource exactly (as the architecture
// diagram's nodes do) shows that resource only: NatGateway1 must not also show NatGateway1Eip. Any other
// text is a case-insensitive search within the resource names.
export interface FilterableEvent {
  logicalResourceId: string;
  resourceStatus: string;
}

export interface EventFilter {
  status: string;
  resource: string;
}

export function filterEvents<E extends FilterableEvent>(events: E[], filter: EventFilter): E[] {
  const needle = filter.resource.trim().toLowerCase();
  const exact = needle !== "" && events.some((e) => e.logicalResourceId.toLowerCase() === needle);
  const matchesResource = (id: string) =>
    !needle || (exact ? id.toLowerCase() === needle : id.toLowerCase().includes(needle));
  return events.filter(
    (e) => (!filter.status || e.resourceStatus === filter.status) && matchesResource(e.logicalResourceId),
  );
}
