// Package nginx starts a real nginx on loopback serving a buildwasm dist
// with the nginx.conf the build wrote, for tests and benchmarks.
package nginx

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// BrotliModule is where Debian's libnginx-mod-http-brotli-static puts the
// module that serves .br files.
const BrotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

const installHint = "as root on Debian: apt-get install nginx libnginx-mod-http-brotli-static, or run scripts/test.sh, which does"

// Server is a running nginx.
type Server struct {
	URL    string
	cmd    *exec.Cmd
	log    *strings.Builder
	exited chan error
}

// Start serves dist (which must hold the build's nginx.conf) at a free
// loopback port. extra is added to the server block; it may name the log
// format "requests" (URI, status, body bytes, the request's
// Available-Dictionary and the response's Content-Encoding) in an
// access_log. Temporary files go to work, which must exist.
func Start(dist, work, extra string) (*Server, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	return StartAt(port, dist, work, extra)
}

// StartAt is Start on a port chosen by the caller (FreePort), for a build
// that must know its asset URL before nginx can read its nginx.conf.
func StartAt(port int, dist, work, extra string) (*Server, error) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		if _, statErr := os.Stat("/usr/sbin/nginx"); statErr != nil {
			return nil, fmt.Errorf("no nginx on PATH (%s)", installHint)
		}
		bin = "/usr/sbin/nginx"
	}
	if _, err := os.Stat(BrotliModule); err != nil {
		return nil, fmt.Errorf("no brotli_static module at %s (%s)", BrotliModule, installHint)
	}
	dist, err = filepath.Abs(dist)
	if err != nil {
		return nil, err
	}
	// master_process off keeps one process running as the caller, so a
	// root test's private temp folders stay readable (workers would run as
	// nobody).
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log stderr warn;
load_module %[2]s;
events {}
http {
    access_log off;
    log_format requests '$request_uri $status $body_bytes_sent "$http_available_dictionary" "$sent_http_content_encoding"';
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    server {
        listen 127.0.0.1:%[3]d;
        root %[4]s;
        include %[4]s/nginx.conf;
        %[5]s
    }
}
`, work, BrotliModule, port, dist, extra)
	path := filepath.Join(work, "nginx.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		return nil, err
	}
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), log: &strings.Builder{}}
	s.cmd = exec.Command(bin, "-p", work, "-c", path, "-e", "stderr")
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	s.exited = make(chan error, 1)
	go func() { s.exited <- s.cmd.Wait(); close(s.exited) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case err := <-s.exited:
			return nil, fmt.Errorf("nginx exited at start (%v): %s", err, s.log)
		default:
		}
		if c, err := net.Dial("tcp", s.URL[len("http://"):]); err == nil {
			c.Close()
			return s, nil
		}
		if time.Now().After(deadline) {
			s.cmd.Process.Kill()
			return nil, errors.New("nginx did not listen within 10s: " + s.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop ends nginx and waits until it has exited, so that its port is free
// for the next server (a deploy on the same origin); calling it again
// does nothing.
func (s *Server) Stop() {
	s.cmd.Process.Kill()
	<-s.exited
}

// FreePort asks the kernel for a loopback port nobody uses now.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
