// The labels of the alert page's forms, shared with the actions whose errors name a field by them.
export const silenceLabels: Readonly<Record<string, string>> = { hostId: 'Silence', label: 'Silence', duration: 'For', endsAt: 'For', reason: 'Reason' };
export const ackLabels: Readonly<Record<string, string>> = { note: 'Note' };
