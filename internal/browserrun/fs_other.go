//go:build !unix

package browserrun

import (
	"encoding/json"
	"net/http"
)

// openFlags are Linux's, for a page whose every file operation fails.
var openFlags = map[string]int{"O_WRONLY": 1, "O_RDWR": 2, "O_CREAT": 64, "O_EXCL": 128, "O_TRUNC": 512, "O_APPEND": 1024, "O_DIRECTORY": 65536}

// serveFS answers ENOSYS to every file operation: the bridge to the host's
// files is written for Unix systems only.
func serveFS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"code": "ENOSYS"})
}
