// The page's hook for tests and for users in the browser console: `window.hotpathView`.
// Types only, free of the DOM, so the Node tests can import them.

/** What the flame graph shows now. */
export interface FlameApiState {
  /** The node zoomed into; 0 (the root) when not zoomed. */
  zoomNode: number;
  zoomFrame: number | null;
  /** Drawn nodes of the selected function. */
  highlighted: number;
  /** Drawn nodes matching the search. */
  matched: number;
  /** Nodes drawn in all. */
  drawn: number;
}

/** What the time-order view shows now. */
export interface TimeOrderApiState {
  /** The window of time shown, ns from the earliest sample. */
  from: number;
  to: number;
  /** The end of the last sample, ns. */
  end: number;
  /** Lanes (threads) drawn. */
  lanes: number;
  /** Spans drawn in all, and of the selected function. */
  drawn: number;
  highlighted: number;
}

/** `window.hotpathView`. */
export interface ViewApi {
  /** Milliseconds from the script's start until every view was drawn once. */
  renderMs: number;
  /** The selected frame, or null. */
  selected(): number | null;
  /** Selects a frame (null clears), as a click in any view does. */
  select(frame: number | null): void;
  /** The first frame with this function name, or -1. */
  frameOf(name: string): number;
  /** The flame graph's state; null when the profile has no tree. */
  flame(): FlameApiState | null;
  /** Client rectangle of the widest drawn flame-graph node of `frame`. */
  flameNodeRect(frame: number): { x: number; y: number; width: number; height: number } | null;
  /** The time-order view's state; null when the profile keeps no order of its samples. */
  timeOrder(): TimeOrderApiState | null;
  /** Client rectangle of the earliest drawn time-order span of `frame`. */
  timeOrderRect(frame: number): { x: number; y: number; width: number; height: number } | null;
  /** The frame the callee map is of (null: the whole program) and its drawn rectangles. */
  calleeMap(): { rootFrame: number | null; drawn: number };
}
