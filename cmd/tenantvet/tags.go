package main

import (
	"os"
	"strings"
)

// honourTags passes a -tags flag on to the go command that loads the
// packages. singlechecker accepts -tags, for go vet's sake, but ignores it,
// so the files behind the tags would go unchecked while the run passed.
// The loader runs `go list`, which reads GOFLAGS, so the tags go there;
// flags given later in GOFLAGS win, so a -tags flag overrides the
// environment's, as the go command's own flag would.
func honourTags(args []string) {
	tags, ok := tagsFlag(args)
	if !ok {
		return
	}
	// GOFLAGS splits at spaces; the go command takes commas too.
	tags = strings.Join(strings.Fields(strings.ReplaceAll(tags, ",", " ")), ",")
	os.Setenv("GOFLAGS", strings.TrimSpace(os.Getenv("GOFLAGS")+" -tags="+tags))
}

// tagsFlag returns the value of the last -tags flag in args, before any
// "--".
func tagsFlag(args []string) (tags string, ok bool) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if !strings.HasPrefix(arg, "-") || name != "tags" {
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				break
			}
			i++
			value = args[i]
		}
		tags, ok = value, true
	}
	return tags, ok
}
