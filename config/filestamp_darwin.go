package config

import (
	"os"
	"strconv"
	"syscall"
)

// identityStamped: see filestamp_linux.go.
const identityStamped = true

// appendIdentity: see filestamp_linux.go; darwin names the change time
// Ctimespec.
func appendIdentity(buf []byte, st os.FileInfo) []byte {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return buf
	}
	buf = strconv.AppendInt(append(buf, ' '), int64(sys.Dev), 10)
	buf = strconv.AppendUint(append(buf, ' '), sys.Ino, 10)
	return strconv.AppendInt(append(buf, ' '), sys.Ctimespec.Nano(), 10)
}
