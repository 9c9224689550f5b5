export declare const CHROMIUM_CANDIDATES: string[];
export declare function findChromium(env?: NodeJS.ProcessEnv): string | null;
