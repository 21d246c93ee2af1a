"use client";
// The log panel's data: the live stream (environments.onLogs) first, then the history before it
// (environments.logs) once the stream is live, so no line falls between the two; both merged by line id.
// On reconnect the link sends the last event id back and the server resumes after it.
import type { LogLine } from "@stackyard/deploy";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { apiFilter, mergeLines, type PanelFilter } from "./log-view";

const PAGE = 200;

export function useLiveLogs(id: string, filter: PanelFilter, enabled: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [lines, setLines] = useState<LogLine[]>([]);
  const [held, setHeld] = useState<LogLine[]>([]);
  const [following, setFollowing] = useState(true);
  const [live, setLive] = useState(false);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const followingRef = useRef(following);
  followingRef.current = following;
  const filterKey = JSON.stringify(apiFilter(filter));
  const api = useMemo(() => JSON.parse(filterKey) as ReturnType<typeof apiFilter>, [filterKey]);

  // A new filter is a new stream and a new history.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter is the trigger
  useEffect(() => {
    setLines([]);
    setHeld([]);
    setLive(false);
  }, [filterKey]);

  const onData = useCallback((envelope: { id: string; data: { lines: LogLine[] } }) => {
    setLive(true);
    const batch = envelope.data.lines;
    if (batch.length === 0) return;
    if (followingRef.current) setLines((current) => mergeLines(current, batch, "oldest"));
    else setHeld((current) => [...current, ...batch]);
  }, []);
  const stream = useSubscription(
    trpc.environments.onLogs.subscriptionOptions({ id, filter: api, lastEventId: null }, { enabled, onData }),
  );

  const history = useQuery(
    trpc.environments.logs.queryOptions(
      { id, filter: api, limit: PAGE },
      { enabled: enabled && live, staleTime: Number.POSITIVE_INFINITY, gcTime: 0 },
    ),
  );
  useEffect(() => {
    if (!history.data) return;
    setLines((current) => mergeLines(history.data.lines, current, "none"));
    setHasOlder(history.data.hasOlder);
  }, [history.data]);

  const follow = useCallback((on: boolean) => {
    setFollowing(on);
    if (!on) return;
    setHeld((pending) => {
      setLines((current) => mergeLines(current, pending, "oldest"));
      return [];
    });
  }, []);

  const loadOlder = useCallback(async () => {
    const oldest = lines[0];
    if (!oldest) return;
    setLoadingOlder(true);
    try {
      const page = await queryClient.fetchQuery(
        trpc.environments.logs.queryOptions({
          id,
          filter: api,
          limit: PAGE,
          until: new Date(oldest.timestamp),
        }),
      );
      let added = 0;
      setLines((current) => {
        const merged = mergeLines(current, page.lines, "none");
        added = merged.length - current.length;
        return merged;
      });
      // A page of nothing new (every line shares the oldest line's millisecond) ends the way back.
      setHasOlder(page.hasOlder && added > 0);
    } finally {
      setLoadingOlder(false);
    }
  }, [lines, queryClient, trpc, id, api]);

  return {
    lines,
    heldCount: held.length,
    following,
    follow,
    live,
    connection: stream.status,
    error: stream.error ?? history.error,
    available: history.data?.available ?? true,
    tasks: history.data?.tasks ?? [],
    loadingHistory: live && history.isPending,
    hasOlder,
    loadingOlder,
    loadOlder,
  };
}
