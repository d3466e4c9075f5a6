import { apiRead } from '@/lib/commands';
import { fleetLimitsAnswer } from '@/lib/hosts';

// The Limits page as JSON: each setting's values with their hosts, and the raises each host's own peak calls for.
export const GET = apiRead(async ({ db }) => fleetLimitsAnswer(db), { lagTolerant: true });
