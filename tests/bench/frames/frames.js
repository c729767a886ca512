// Installed before the program starts: wraps requestAnimationFrame so that
// every callback the program asks for is timed. A frame is one rAF
// timestamp; its work is the time spent in the callbacks of that frame,
// which for a Go program is the Go code run by its js.Func and the
// syscall/js calls that code makes (Go runs its goroutines until all wait
// before the callback returns).
(() => {
  const raf = window.requestAnimationFrame.bind(window);
  let frames = []; // [timestamp, ms of callbacks], one per callback
  let errors = [];
  window.requestAnimationFrame = (cb) =>
    raf((ts) => {
      const start = performance.now();
      try {
        cb(ts);
      } finally {
        frames.push([ts, performance.now() - start]);
      }
    });
  window.addEventListener("error", (e) => errors.push(String(e.message)));
  window.addEventListener("unhandledrejection", (e) => errors.push(String(e.reason)));
  window.benchFrames = {
    count: () => frames.length,
    errors: () => errors.join("\n"),
    calls: 0, // syscall/js calls, counted when the page asks (stock.html?count)
    reset: () => {
      frames = [];
      window.benchFrames.calls = 0;
    },
    // take returns the frames since reset: the time between consecutive
    // frames and the work of each, in ms.
    take: () => {
      const byTs = new Map();
      for (const [ts, ms] of frames) byTs.set(ts, (byTs.get(ts) ?? 0) + ms);
      const ts = [...byTs.keys()].sort((a, b) => a - b);
      return {
        calls: window.benchFrames.calls,
        intervals: ts.slice(1).map((t, i) => t - ts[i]),
        work: ts.map((t) => byTs.get(t)),
      };
    },
  };
})();
