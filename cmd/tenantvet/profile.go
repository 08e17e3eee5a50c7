package main

import (
	"errors"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// profiles are the files that -cpuprofile, -memprofile and -trace name.
type profiles struct{ cpu, mem, trace string }

// start starts the CPU profile and the trace, and returns the function
// that stops them and writes the heap profile.
func (p profiles) start() (stop func(), err error) {
	var stops []func() error
	stop = func() {
		for _, s := range stops {
			s()
		}
	}
	if p.cpu != "" {
		f, err := os.Create(p.cpu)
		if err != nil {
			return stop, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return stop, errors.Join(err, f.Close())
		}
		stops = append(stops, func() error { pprof.StopCPUProfile(); return f.Close() })
	}
	if p.trace != "" {
		f, err := os.Create(p.trace)
		if err != nil {
			return stop, err
		}
		if err := trace.Start(f); err != nil {
			return stop, errors.Join(err, f.Close())
		}
		stops = append(stops, func() error { trace.Stop(); return f.Close() })
	}
	if p.mem != "" {
		f, err := os.Create(p.mem)
		if err != nil {
			return stop, err
		}
		stops = append(stops, func() error {
			runtime.GC() // the heap as it is at the end
			return errors.Join(pprof.WriteHeapProfile(f), f.Close())
		})
	}
	return stop, nil
}
