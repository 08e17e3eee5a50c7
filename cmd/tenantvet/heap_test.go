package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent returns the current GOGC percentage.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestRaiseStartingHeap(t *testing.T) {
	t.Run("raised until the first collection", func(t *testing.T) {
		t.Setenv("GOGC", "") // restored afterwards
		os.Unsetenv("GOGC")
		before := gcPercent()
		defer debug.SetGCPercent(before)
		raiseStartingHeap()
		if got, want := gcPercent(), 100*startingHeap/(4<<20); got != want {
			t.Fatalf("GOGC after raiseStartingHeap = %d, want %d", got, want)
		}
		runtime.GC()
		// The finalizer runs on its own goroutine after the collection.
		for i := 0; i < 500 && gcPercent() != before; i++ {
			time.Sleep(10 * time.Millisecond)
		}
		if got := gcPercent(); got != before {
			t.Errorf("GOGC after the first collection = %d, want %d restored", got, before)
		}
	})
	t.Run("GOGC set by the user", func(t *testing.T) {
		t.Setenv("GOGC", "50")
		before := gcPercent()
		raiseStartingHeap()
		if got := gcPercent(); got != before {
			t.Errorf("GOGC = %d after raiseStartingHeap with GOGC set, want %d untouched", got, before)
		}
	})
}
