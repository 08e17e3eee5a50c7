package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// startingHeap is the heap size below which the process does not collect
// garbage. go vet starts one tenantvet process per package, most of them
// done within a few megabytes of heap; pg_query's protobuf descriptors alone
// would push each of them past the runtime's 4 MB starting goal, into
// collections that cost more than checking the package's queries. The Go
// compiler, run the same way, raises its starting heap for the same reason.
const startingHeap = 16 << 20

// raiseStartingHeap lets the heap grow to startingHeap before the first
// collection, then restores the default GOGC, so that large packages and the
// standalone mode keep their usual peak. A GOGC set by the user wins.
func raiseStartingHeap() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	// The runtime's minimum heap goal is 4 MB scaled by GOGC/100.
	old := debug.SetGCPercent(100 * startingHeap / (4 << 20))
	// The sentinel is unreachable at once, so the first collection runs its
	// finalizer. It holds a pointer, which keeps it out of the tiny
	// allocator, whose blocks finalizers do not reliably track.
	type sentinel struct{ _ *int }
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) { debug.SetGCPercent(old) })
}
