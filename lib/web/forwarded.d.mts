export function forwardedFor(header: string | string[] | undefined, peer: string | undefined, trustProxy: boolean): string;
export function envFlag(v: string | undefined): boolean;
export function clientOf(header: string, hops: number): string;
export function proxyHops(v: string | undefined): number;
export function forwardedProto(header: string | string[] | undefined, trustProxy: boolean): string | undefined;
