export { claimValues, nameFromClaims, roleFromClaims } from './claims';
export type { RoleMapping } from './claims';
export { isFirstAdmin, ssoAccount } from './account';
export { beginSignIn, callbackPath, finishSignIn, OIDC_COOKIE, oidcSettings } from './flow';
export type { OidcSettings } from './flow';
export { oidcStart, oidcCallback } from './routes';
