// Where each alert band's label goes: bands close together (an alert that
// fired, resolved and fired again; a silence over an alert) put their labels
// side by side, where they overlapped. Each label takes the first lane, a
// line below the last, that is free where it starts; a band with no free lane
// goes unlabelled on the chart and is named in the tooltip instead.

export interface PlacedLabel { lane: number; x: number; width: number }

/**
 * Each band's label on a plot `widthPx` wide spanning [first, last]: its lane
 * (0 = top line) and left edge in pixels, or null when no lane is free. A
 * label is about `charPx` a character plus padding, and is pulled left to
 * stay inside the plot.
 */
export function labelLanes(bands: { from: number; label: string }[], first: number, last: number, widthPx: number, maxLanes = 3, charPx = 6): (PlacedLabel | null)[] {
  const placed: (PlacedLabel | null)[] = bands.map(() => null);
  if (!(widthPx > 0) || last <= first) return placed;
  const laneEnds: number[] = [];
  const order = bands.map((_, i) => i).sort((a, b) => bands[a]!.from - bands[b]!.from);
  for (const i of order) {
    const b = bands[i]!;
    const width = b.label.length * charPx + 8;
    const x = Math.max(0, Math.min(((Math.max(b.from, first) - first) / (last - first)) * widthPx, widthPx - width));
    let lane = laneEnds.findIndex((end) => end <= x);
    if (lane === -1 && laneEnds.length < maxLanes) lane = laneEnds.length;
    if (lane === -1) continue;
    laneEnds[lane] = x + width;
    placed[i] = { lane, x, width };
  }
  return placed;
}

/** Whether two placed labels would be drawn over each other. */
export function overlaps(a: PlacedLabel, b: PlacedLabel): boolean {
  return a.lane === b.lane && a.x < b.x + b.width && b.x < a.x + a.width;
}
