/** The share of a limit in use: what every level, bar and ratio is judged by; no limit is no pressure. */
export function fraction(used: number, limit: number): number {
  return limit > 0 && Number.isFinite(limit) ? used / limit : 0;
}
