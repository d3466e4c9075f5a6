export interface Thresholds {
  warning: number;
  critical: number;
  /** A host is silent after this many missed report intervals. */
  silentAfterIntervals: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { warning: 0.8, critical: 0.9, silentAfterIntervals: 3 };
