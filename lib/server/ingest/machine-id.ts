/** The machine id a host's reports last carried, and the last time it changed (and from what). */
export interface MachineSeen {
  machineId: string | null;
  previousMachineId: string | null;
  machineIdChangedAt: number | null;
}

/**
 * Follows one report in collection order. Another id than the report before
 * is a change: once for a reinstall, on nearly every report for two machines
 * under one name. A report without an id (unreadable /etc/machine-id) says
 * nothing, so the known id is kept and a later change is still seen.
 */
export function nextMachine(seen: MachineSeen, machineId: string | null, receivedAt: number): MachineSeen {
  const { previousMachineId, machineIdChangedAt } = seen;
  if (machineId === null || machineId === seen.machineId) return { machineId: seen.machineId, previousMachineId, machineIdChangedAt };
  if (seen.machineId === null) return { machineId, previousMachineId, machineIdChangedAt };
  return { machineId, previousMachineId: seen.machineId, machineIdChangedAt: receivedAt };
}
