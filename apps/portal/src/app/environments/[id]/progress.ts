// Progress and ETA of an operation live in @stackyard/templates (pure), shared with the stackyard CLI.
export {
  computeProgress,
  formatDuration,
  type Progress,
  type ProgressEvent,
  type ResourceSpan,
  resourceSpans,
} from "@stackyard/templates";
