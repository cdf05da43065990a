export declare const distDir: string;
export declare const entryFile: string;
export declare function buildServer(opts?: { quiet?: boolean }): Promise<void>;
export declare function ensureBuilt(): Promise<void>;
