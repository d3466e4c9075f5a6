// What each page shows, assembled from the capabilities: one call per page, one typed object back.
export { alertsPage } from './alerts';
export type { AlertsView, Tab } from './alerts';
export { channelsPage } from './channels';
export type { ChannelsView } from './channels';
export { dataPage } from './data';
export type { DataView } from './data';
export { fleetPage } from './fleet';
export type { FleetHostsView, FleetView } from './fleet';
export { hostFound, hostPage } from './host';
export type { AlertPeriod, HostView, Shown } from './host';
export { rulesPage } from './rules';
export type { RuleValues } from './rules';
export { tokensPage } from './tokens';
export type { TokenRow, TokensView } from './tokens';
export { usersPage } from './users';
export type { UsersView } from './users';
export { lockedFor } from './viewer';
export type { SearchParams, Viewer } from './viewer';
