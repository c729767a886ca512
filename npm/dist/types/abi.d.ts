import { type ExitStatus } from "./errors.js";
import type { Host } from "./host.js";
import { LeakTracker } from "./leaks.js";
/**
 * A name on the global object that the program must not use where it runs
 * (document in a worker): reading it throws an Error saying why, which the
 * program sees as a panic.
 */
export declare class Unavailable {
    readonly why: string;
    constructor(why: string);
}
export declare const DISPOSED = -1;
export declare const CRASHED = 2;
export interface Exports {
    run(argc: number, argv: number): void;
    resume(): void;
    getsp(): number;
    mem: WebAssembly.Memory;
    [name: string]: unknown;
}
export declare class Bridge {
    private readonly host;
    private readonly symbolize;
    private readonly autoRelease;
    exports: Exports;
    status: ExitStatus | undefined;
    /** Resolves once the program has exited. */
    readonly exited: Promise<ExitStatus>;
    private resolveExited;
    private view;
    private values;
    private refCounts;
    private ids;
    private freeIds;
    private weights;
    private heldBytes;
    private gcMark;
    private entries;
    private depth;
    private timeouts;
    private nextTimeout;
    private stderrTail;
    private pendingStderr;
    private reported;
    private readonly goObject;
    private readonly overrides;
    private readonly timeOrigin;
    /** Leak tracking, made when a leak-tracking build makes its first Func. */
    leaks: LeakTracker | undefined;
    /**
     * `extra` are more names served per instance on the global object;
     * `symbolize` names the wasm frames of an error that killed the program;
     * `autoRelease` releases Funcs found leaked.
     */
    constructor(host: Host, extra?: Record<string, unknown>, symbolize?: (err: unknown) => Promise<void>, autoRelease?: boolean);
    /** Starts the program: main runs until it exits or first waits for an event. */
    run(instance: WebAssembly.Instance, args: string[], env: Record<string, string>): void;
    leakTracker(): LeakTracker;
    private drainReleased;
    /** Number of JS values Go holds refs to (the fixed ones not counted). */
    liveRefs(): number;
    /** Go's side of the census, if the program is patched for it and alive. */
    goStats(): {
        goHeap: number;
        goFuncs: number;
    } | undefined;
    /** Bytes of the program's linear memory. */
    memoryBytes(): number;
    /** Runs a Go GC if the program is patched for it and alive. */
    goGC(): void;
    /** Lets Go handle the pending event (or a timer) and run until it waits again. */
    resume(): void;
    /** Called when the host knows no event can ever arrive: Go reports its deadlock and exits. */
    reportDeadlock(): void;
    /** Calls the //go:wasmexport function `name`. */
    call(name: string, args: unknown[]): unknown;
    /** Throws GoExitedError if the program has exited. */
    checkAlive(): void;
    /** Stops the program where it is: it never runs again. */
    dispose(): void;
    private enter;
    private afterGo;
    private crash;
    private stopTimers;
    private exit;
    private release;
    private setInt64;
    private getInt64;
    private bytes;
    private string;
    private load;
    private loadSlice;
    private store;
    private hold;
    private callOut;
    private get;
    imports(): Record<string, Function>;
    private storeOutcome;
    private copyBytes;
}
