import 'server-only';
import { fleetLimitsAnswer } from '../hosts';
import { pageDb } from './read';

/** The limits page: every host's limits grouped by value, and the raises each host's own peaks call for (as the API answers). */
export async function limitsPage(now = new Date()) {
  return fleetLimitsAnswer(await pageDb(), now);
}

export type LimitsView = Awaited<ReturnType<typeof limitsPage>>;
