//go:build linux || darwin

package config

import (
	"os"
	"strconv"
	"syscall"
)

// appendIdentity appends the device, inode and change time of a file. A
// file replaced by another of the same size and modification time (cp -p,
// rsync -a, a symlink pointed elsewhere) has a new inode or change time,
// which no tool can set back: git's index compares them for that reason.
func appendIdentity(buf []byte, st os.FileInfo) []byte {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return buf
	}
	buf = strconv.AppendUint(append(buf, ' '), uint64(sys.Dev), 10)
	buf = strconv.AppendUint(append(buf, ' '), sys.Ino, 10)
	return strconv.AppendInt(append(buf, ' '), changeTime(sys), 10)
}
