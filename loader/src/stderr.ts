// What the runtime writes itself (runtime.wasmWrite: panics, fatal errors,
// print). The tail of its stderr is kept, since that is where a dying
// program reports why; a quiet host holds the writes back until it is known
// whether they are such a report, which is then shown as one parsed error.

import { errorFromTraceback, type ExitStatus } from "./errors.js";
import type { Host } from "./host.js";

// What the runtime may write to fd 2 before it exits; enough to hold the
// headline of a panic, not the whole goroutine dump.
const STDERR_TAIL = 64 * 1024;

const decoder = new TextDecoder("utf-8");

export class StderrCapture {
  private stderrTail = "";
  // The runtime's own stderr writes since Go was entered, held back by a
  // quiet host until it is known whether they report a fatal error.
  private pendingStderr: Uint8Array[] = [];
  private reported = false;

  constructor(private readonly host: Host) {}

  write(fd: number, bytes: Uint8Array) {
    if (fd === 2) this.stderrTail = (this.stderrTail + decoder.decode(bytes)).slice(-STDERR_TAIL);
    if (fd === 2 && this.host.quiet) this.pendingStderr.push(bytes.slice());
    else this.host.write(fd, bytes);
  }

  /** The panic or fatal error the runtime reported, if it did. */
  error(): Error | undefined {
    return errorFromTraceback(this.stderrTail);
  }

  // Runs when Go has returned to JS: shows what the runtime wrote to
  // stderr, unless it was the report of an error that is shown whole
  // instead.
  flush(status: ExitStatus | undefined) {
    if (this.pendingStderr.length) {
      const parsed = status?.error && !this.reported;
      if (!parsed) for (const b of this.pendingStderr) this.host.write(2, b);
      this.pendingStderr = [];
    }
    if (status?.error && !this.reported && this.host.quiet) {
      this.reported = true;
      console.error(status.error);
    }
  }
}
