package browserrun

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"syscall"
	"time"
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
	var st syscall.Stat_t
	switch req.Op {
	case "open":
		fd, err := syscall.Open(str(0), int(num(1))|syscall.O_CLOEXEC, uint32(num(2)))
		reply.Result = fd
		return err
	case "close":
		return syscall.Close(int(num(0)))
	case "fstat":
		if err := syscall.Fstat(int(num(0)), &st); err != nil {
			return err
		}
		reply.Result = nodeStats(&st)
	case "stat", "lstat":
		stat := syscall.Stat
		if req.Op == "lstat" {
			stat = syscall.Lstat
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
			n, err = syscall.Read(int(num(0)), buf)
		} else {
			n, err = syscall.Pread(int(num(0)), buf, num(2))
		}
		if err != nil {
			return err
		}
		reply.Data = base64.StdEncoding.EncodeToString(buf[:n])
	case "write":
		data, err := base64.StdEncoding.DecodeString(req.Data)
		if err != nil {
			return syscall.EINVAL
		}
		var n int
		if isNull(1) {
			n, err = syscall.Write(int(num(0)), data)
		} else {
			n, err = syscall.Pwrite(int(num(0)), data, num(1))
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
		return syscall.Mkdir(str(0), uint32(num(1)))
	case "unlink":
		return syscall.Unlink(str(0))
	case "rmdir":
		return syscall.Rmdir(str(0))
	case "rename":
		return syscall.Rename(str(0), str(1))
	case "chmod":
		return syscall.Chmod(str(0), uint32(num(1)))
	case "fchmod":
		return syscall.Fchmod(int(num(0)), uint32(num(1)))
	case "chown", "lchown":
		if req.Op == "lchown" {
			return syscall.Lchown(str(0), int(num(1)), int(num(2)))
		}
		return syscall.Chown(str(0), int(num(1)), int(num(2)))
	case "fchown":
		return syscall.Fchown(int(num(0)), int(num(1)), int(num(2)))
	case "utimes":
		return os.Chtimes(str(0), time.Unix(num(1), 0), time.Unix(num(2), 0))
	case "truncate":
		return syscall.Truncate(str(0), num(1))
	case "ftruncate":
		return syscall.Ftruncate(int(num(0)), num(1))
	case "fsync":
		return syscall.Fsync(int(num(0)))
	case "readlink":
		target, err := os.Readlink(str(0))
		reply.Result = target
		return err
	case "symlink":
		return syscall.Symlink(str(0), str(1))
	case "link":
		return syscall.Link(str(0), str(1))
	default:
		return syscall.ENOSYS
	}
	return nil
}

// nodeStats is a Stat_t as Node's fs.Stats fields, the ones Go reads.
func nodeStats(st *syscall.Stat_t) map[string]int64 {
	ms := func(t syscall.Timespec) int64 { return t.Sec*1000 + t.Nsec/1e6 }
	return map[string]int64{
		"dev": int64(st.Dev), "ino": int64(st.Ino), "mode": int64(st.Mode), "nlink": int64(st.Nlink),
		"uid": int64(st.Uid), "gid": int64(st.Gid), "rdev": int64(st.Rdev), "size": st.Size,
		"blksize": int64(st.Blksize), "blocks": st.Blocks,
		"atimeMs": ms(st.Atim), "mtimeMs": ms(st.Mtim), "ctimeMs": ms(st.Ctim),
	}
}

// errorCodes are the Node error codes Go's syscall package knows; an error
// outside them is reported as EIO, since Go panics on a code it cannot map.
var errorCodes = map[syscall.Errno]string{
	syscall.EPERM: "EPERM", syscall.ENOENT: "ENOENT", syscall.EIO: "EIO", syscall.EBADF: "EBADF",
	syscall.EAGAIN: "EAGAIN", syscall.EACCES: "EACCES", syscall.EEXIST: "EEXIST", syscall.EXDEV: "EXDEV",
	syscall.ENOTDIR: "ENOTDIR", syscall.EISDIR: "EISDIR", syscall.EINVAL: "EINVAL", syscall.EMFILE: "EMFILE",
	syscall.EFBIG: "EFBIG", syscall.ENOSPC: "ENOSPC", syscall.EROFS: "EROFS", syscall.EMLINK: "EMLINK",
	syscall.EPIPE: "EPIPE", syscall.ENAMETOOLONG: "ENAMETOOLONG", syscall.ENOSYS: "ENOSYS",
	syscall.ENOTEMPTY: "ENOTEMPTY", syscall.ELOOP: "ELOOP", syscall.ENOTSUP: "ENOTSUP", syscall.ESPIPE: "ESPIPE",
}

func errorCode(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if code, ok := errorCodes[errno]; ok {
			return code
		}
	}
	return "EIO"
}
