"use client";
// Live stack events over SSE. The server tags each event with its id; on reconnect the link sends the
// last id back, so the list resumes with no gap and no duplicate (we also de-duplicate by id).
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useState } from "react";
import type { EventView } from "@/server/routers/events";
import { useTRPC } from "@/trpc/client";

export function useLiveEvents(environmentId: string, onNewEvent: (event: EventView) => void) {
  const trpc = useTRPC();
  const [events, setEvents] = useState<EventView[]>([]);
  const onData = useCallback(
    (envelope: { id: string; data: EventView }) => {
      setEvents((current) =>
        current.some((e) => e.id === envelope.id) ? current : [...current, envelope.data],
      );
      onNewEvent(envelope.data);
    },
    [onNewEvent],
  );
  const subscription = useSubscription(
    trpc.events.onEvents.subscriptionOptions({ environmentId, lastEventId: null }, { onData }),
  );
  return { events, connection: subscription.status, error: subscription.error };
}
