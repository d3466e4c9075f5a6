import 'server-only';
import { fleetLimits, LIMITS_PEAK_DAYS } from '../hosts';
import { groupLimits, planRaises, type HostRaise } from '../risk';
import { pageDb } from './read';

/** The limits page: every host's limits grouped by value, and the raises each host's own peaks call for. */
export async function limitsPage(now = new Date()) {
  const hosts = await fleetLimits(await pageDb(), now);
  return {
    hosts: hosts.length,
    peakDays: LIMITS_PEAK_DAYS,
    settings: groupLimits(hosts),
    raises: hosts.map(planRaises).filter((r): r is HostRaise => r !== null),
  };
}

export type LimitsView = Awaited<ReturnType<typeof limitsPage>>;
