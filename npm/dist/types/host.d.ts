/** Receives a program's output, unbuffered, exactly as the program wrote it. */
export type Sink = (bytes: Uint8Array) => void;
export interface Host {
    fs: any;
    process: any;
    path: any;
    /** Where the runtime's own writes (panics, print) go. */
    write(fd: number, bytes: Uint8Array): void;
    /**
     * A quiet host shows a fatal error as one console.error of the parsed
     * error, not as the runtime's lines (the default in browsers).
     */
    quiet?: boolean;
}
export declare const isNode: boolean;
export declare function consoleSink(log: (line: string) => void): Sink;
export declare function memoryHost(stdout: Sink, stderr: Sink): Host;
export declare function nodeHost(stdout?: Sink, stderr?: Sink): Promise<Host>;
export declare function withFS(host: Host, fs: any, cwd?: string): Host;
