// What each page shows, assembled from the capabilities: one call per page, one typed object back.
export { hostFound, hostPage } from './host';
export type { AlertPeriod, HostView, SearchParams, Shown } from './host';
export { lockedFor } from './locked';
export type { Viewer } from './locked';
