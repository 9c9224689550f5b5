export declare const DEV_DEFAULT_HOSTNAME: string;
export declare function devHostname(env: NodeJS.ProcessEnv): string;
export declare function devUrl(hostname: string, port: string): string;
