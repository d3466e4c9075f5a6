export declare const E2E_PORTS: number[];
export declare const E2E_OIDC_PORT: number;
export declare const oidcEnv: (port: string | number) => Record<string, string>;
