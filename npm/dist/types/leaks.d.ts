/** One place in Go code where leaked js.Funcs were made. */
export interface Leak {
    /** file:line of the FuncOf call (the first frame outside syscall/js and shim). */
    site: string;
    /** The function that called FuncOf. */
    func: string;
    /** How many Funcs made there were collected unreleased. */
    count: number;
}
export declare class LeakTracker {
    private readonly release;
    private readonly drainReleased;
    private readonly warn;
    private readonly sites;
    private readonly leaks;
    private readonly warned;
    private readonly registry;
    /** `drainReleased` returns the ids Go released since it was last called. */
    constructor(release: ((id: number) => void) | undefined, drainReleased: () => number[], warn?: (message: string) => void);
    private forgetReleased;
    private readonly siteNames;
    /** Go names a site number once: "func\0file:line". */
    name(site: number, name: string): void;
    /** Called for each new Func wrapper, with the number of its site. */
    track(wrapper: object, id: number, site: number): void;
    report(): Leak[];
    /** Unreleased Funcs whose wrappers are still alive, by site. */
    live(): Record<string, number>;
    private history;
    /** Records a census after a GC; returns the sites that grew at each of the last three. */
    census(): string[];
    private collected;
}
