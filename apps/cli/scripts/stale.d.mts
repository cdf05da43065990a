export declare const entry: string;
export declare function isStale(): boolean;
