// Package chromium starts Debian's headless Chromium for buildwasm exec -browser,
// the tests and the benchmarks, with the flags a root sandbox without network needs.
package chromium

import (
	"context"
	"fmt"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Path finds Chromium on PATH, or the Chrome named in $CHROME.
func Path() (string, error) {
	if p := os.Getenv("CHROME"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("CHROME=%s: no such file", p)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium on PATH: install it (as root on Debian: apt-get install chromium) or set CHROME to a Chrome or Chromium binary")
}

// Start starts a browser with its profile in the folder profile (a fresh
// one is a cold browser), the V8 flags jsFlags and any more options (they
// win over the ones here), and returns a context for chromedp; cancel ends
// the browser.
func Start(profile, jsFlags string, more ...chromedp.ExecAllocatorOption) (ctx context.Context, cancel func(), err error) {
	path, err := Path()
	if err != nil {
		return nil, nil, err
	}
	// Chromium keeps a folder for its singleton socket in TMPDIR and leaves
	// it there when it is stopped: inside the profile, it goes with the
	// profile. A socket path has room for about 100 bytes, though, which a
	// long profile path (macOS's TMPDIR) would exceed: then a short folder
	// of its own, removed with the browser.
	tmp, removeTmp := profile, func() {}
	if len(profile) > 50 {
		if tmp, err = os.MkdirTemp("/tmp", "bwc"); err != nil {
			return nil, nil, err
		}
		removeTmp = func() { os.RemoveAll(tmp) }
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Env("TMPDIR="+tmp),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
	)
	if jsFlags != "" {
		opts = append(opts, chromedp.Flag("js-flags", jsFlags))
	}
	opts = append(opts, more...)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	cancel = func() { cancelCtx(); cancelAlloc(); removeTmp() }
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("starting Chromium: %w", err)
	}
	return ctx, cancel, nil
}
