// One line of trace_pipe, as the kernel prints a syscall exit event with the
// record-tgid option: "  buildkitd-4242  (   4240) [001] .....  5659.816509: sys_inotify_init1 -> 0xffffffffffffffe8".

export interface TraceEvent {
  /** The task's comm; "<...>" when the kernel's comm cache had lost it. */
  comm: string;
  tid: number;
  /** The thread group (the process); null when the kernel had not recorded it. */
  tgid: number | null;
  /** Seconds on the instance's trace clock (set to CLOCK_MONOTONIC). */
  ts: number;
  call: string;
  ret: number;
}

// The comm may hold spaces and dashes: it is everything before the last "-TID" followed by the tgid or CPU column.
const eventLine = /^\s*(.*)-(\d+)\s+(?:\(\s*(\d+|-+)\)\s+)?\[\d+\]\s+(?:\S+\s+)?(\d+\.\d+): sys_([a-z0-9_]{1,32}) -> 0x([0-9a-f]{1,16})\s*$/;

export function parseTraceLine(line: string): TraceEvent | null {
  const m = eventLine.exec(line);
  if (!m) return null;
  const tgid = m[3] && /^\d+$/.test(m[3]) ? Number(m[3]) : null;
  return {
    comm: m[1]!,
    tid: Number(m[2]),
    tgid: tgid || null,
    ts: Number(m[4]),
    call: m[5]!,
    // The kernel prints the long return as an unsigned hex word: -24 is 0xffffffffffffffe8.
    ret: Number(BigInt.asIntN(64, BigInt(`0x${m[6]}`))),
  };
}
