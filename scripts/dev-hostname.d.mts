export declare const DEV_DEFAULT_HOSTNAME: string;
export declare function devHostname(env: { HOSTNAME?: string }): string;
export declare function devUrl(hostname: string, port: string): string;
