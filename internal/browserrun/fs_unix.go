//go:build unix

package browserrun

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// fsRequest is one call of the page's fs: Node's name for the operation,
// its arguments as JSON, and the bytes of a write.
type fsRequest struct {
	Op   string            `json:"op"`
	Args []json.RawMessage `json:"args"`
	Data string            `json:"data"`
}

// fsReply carries a Node error code (which Go's syscall package maps back
// to an Errno), or a result and the bytes of a read.
type fsReply struct {
	Code   string `json:"code,omitempty"`
	Result any    `json:"result"`
	Data   string `json:"data"`
}

// openFlags are this host's open flags, which the page's fs passes as they
// are: the program sees them as fs.constants.
var openFlags = map[string]int{
	"O_WRONLY": unix.O_WRONLY, "O_RDWR": unix.O_RDWR, "O_CREAT": unix.O_CREAT, "O_EXCL": unix.O_EXCL,
	"O_TRUNC": unix.O_TRUNC, "O_APPEND": unix.O_APPEND, "O_DIRECTORY": unix.O_DIRECTORY,
}

// serveFS performs the page's file operations on this machine, as Node
// would for a program run by buildwasm exec: with this process's working
// directory and permissions. Descriptors are the host's own.
func serveFS(w http.ResponseWriter, r *http.Request) {
	var req fsRequest
	var reply fsReply
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := fsCall(req, &reply); err != nil {
		reply = fsReply{Code: errorCode(err)}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(reply)
}

func fsCall(req fsRequest, reply *fsReply) error {
	str := func(i int) string {
		var s string
		if i < len(req.Args) {
			json.Unmarshal(req.Args[i], &s)
		}
		return s
	}
	num := func(i int) int64 {
		var f float64
		if i < len(req.Args) {
			json.Unmarshal(req.Args[i], &f)
		}
		return int64(f)
	}
	isNull := func(i int) bool { return i >= len(req.Args) || string(req.Args[i]) == "null" }
	var st unix.Stat_t
	switch req.Op {
	case "open":
		fd, err := unix.Open(str(0), int(num(1))|unix.O_CLOEXEC, uint32(num(2)))
		reply.Result = fd
		return err
	case "close":
		return unix.Close(int(num(0)))
	case "fstat":
		if err := unix.Fstat(int(num(0)), &st); err != nil {
			return err
		}
		reply.Result = nodeStats(&st)
	case "stat", "lstat":
		stat := unix.Stat
		if req.Op == "lstat" {
			stat = unix.Lstat
		}
		if err := stat(str(0), &st); err != nil {
			return err
		}
		reply.Result = nodeStats(&st)
	case "read":
		buf := make([]byte, num(1))
		var n int
		var err error
		if isNull(2) {
			n, err = unix.Read(int(num(0)), buf)
		} else {
			n, err = unix.Pread(int(num(0)), buf, num(2))
		}
		if err != nil {
			return err
		}
		reply.Data = base64.StdEncoding.EncodeToString(buf[:n])
	case "write":
		data, err := base64.StdEncoding.DecodeString(req.Data)
		if err != nil {
			return unix.EINVAL
		}
		var n int
		if isNull(1) {
			n, err = unix.Write(int(num(0)), data)
		} else {
			n, err = unix.Pwrite(int(num(0)), data, num(1))
		}
		reply.Result = n
		return err
	case "readdir":
		entries, err := os.ReadDir(str(0))
		names := make([]string, len(entries))
		for i, e := range entries {
			names[i] = e.Name()
		}
		reply.Result = names
		return err
	case "mkdir":
		return unix.Mkdir(str(0), uint32(num(1)))
	case "unlink":
		return unix.Unlink(str(0))
	case "rmdir":
		return unix.Rmdir(str(0))
	case "rename":
		return unix.Rename(str(0), str(1))
	case "chmod":
		return unix.Chmod(str(0), uint32(num(1)))
	case "fchmod":
		return unix.Fchmod(int(num(0)), uint32(num(1)))
	case "chown", "lchown":
		if req.Op == "lchown" {
			return unix.Lchown(str(0), int(num(1)), int(num(2)))
		}
		return unix.Chown(str(0), int(num(1)), int(num(2)))
	case "fchown":
		return unix.Fchown(int(num(0)), int(num(1)), int(num(2)))
	case "utimes":
		return os.Chtimes(str(0), time.Unix(num(1), 0), time.Unix(num(2), 0))
	case "truncate":
		return unix.Truncate(str(0), num(1))
	case "ftruncate":
		return unix.Ftruncate(int(num(0)), num(1))
	case "fsync":
		return unix.Fsync(int(num(0)))
	case "readlink":
		target, err := os.Readlink(str(0))
		reply.Result = target
		return err
	case "symlink":
		return unix.Symlink(str(0), str(1))
	case "link":
		return unix.Link(str(0), str(1))
	default:
		return unix.ENOSYS
	}
	return nil
}

// nodeStats is a Stat_t as Node's fs.Stats fields, the ones Go reads.
func nodeStats(st *unix.Stat_t) map[string]int64 {
	ms := func(t unix.Timespec) int64 { return int64(t.Sec)*1000 + int64(t.Nsec)/1e6 }
	return map[string]int64{
		"dev": int64(st.Dev), "ino": int64(st.Ino), "mode": int64(st.Mode), "nlink": int64(st.Nlink),
		"uid": int64(st.Uid), "gid": int64(st.Gid), "rdev": int64(st.Rdev), "size": st.Size,
		"blksize": int64(st.Blksize), "blocks": st.Blocks,
		"atimeMs": ms(st.Atim), "mtimeMs": ms(st.Mtim), "ctimeMs": ms(st.Ctim),
	}
}

// errorCodes are the Node error codes Go's syscall package knows; an error
// outside them is reported as EIO, since Go panics on a code it cannot map.
var errorCodes = map[unix.Errno]string{
	unix.EPERM: "EPERM", unix.ENOENT: "ENOENT", unix.EIO: "EIO", unix.EBADF: "EBADF",
	unix.EAGAIN: "EAGAIN", unix.EACCES: "EACCES", unix.EEXIST: "EEXIST", unix.EXDEV: "EXDEV",
	unix.ENOTDIR: "ENOTDIR", unix.EISDIR: "EISDIR", unix.EINVAL: "EINVAL", unix.EMFILE: "EMFILE",
	unix.EFBIG: "EFBIG", unix.ENOSPC: "ENOSPC", unix.EROFS: "EROFS", unix.EMLINK: "EMLINK",
	unix.EPIPE: "EPIPE", unix.ENAMETOOLONG: "ENAMETOOLONG", unix.ENOSYS: "ENOSYS",
	unix.ENOTEMPTY: "ENOTEMPTY", unix.ELOOP: "ELOOP", unix.ENOTSUP: "ENOTSUP", unix.ESPIPE: "ESPIPE",
}

func errorCode(err error) string {
	var errno unix.Errno
	if errors.As(err, &errno) {
		if code, ok := errorCodes[errno]; ok {
			return code
		}
	}
	return "EIO"
}
