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

/**
 * A late report (collected before the state's newest) moves nothing else, but
 * one from another machine than the newest is a sign of two under one name
 * too (its clock behind the other's): the change is recorded, the id kept.
 */
export function lateMachine(seen: MachineSeen, machineId: string | null, receivedAt: number): MachineSeen | null {
  if (machineId === null || seen.machineId === null || machineId === seen.machineId) return null;
  return { machineId: seen.machineId, previousMachineId: machineId, machineIdChangedAt: receivedAt };
}
