export declare const distDir: string;
export declare const entryFile: string;
export declare function buildCli(opts?: { quiet?: boolean }): Promise<void>;
export declare function bundleScript(entry: string, outfile: string): Promise<void>;
