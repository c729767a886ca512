export declare function startOwnWorker(): {
    worker: Worker;
    script: string;
};
export declare function isOwnWorker(): boolean;
