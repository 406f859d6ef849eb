/**
 * What a benchmark's numbers are compared with to tell "fast" from "too fast to measure":
 * the timer's resolution and the harness's own cost per call.
 */

/** The timer and loop facts a measurement was taken with. */
export interface TimerInfo {
  /** Smallest positive difference between two clock reads, ns (see `timerResolution`). */
  resolutionNs: number;
  /**
   * Time per iteration of the timed loop calling an empty function (its fastest round), ns:
   * the floor under every measurement (loop counter, call, sink compare). A result near it
   * measured the harness, not the function.
   */
  overheadNs: number;
}
