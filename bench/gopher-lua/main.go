// Times one workload under gopher-lua (the Go Lua 5.1 VM go-llmspell embeds), as native-timer.lua does
// for lua5.4: `gopher-timer <workload.lua> <reps>`. Each rep compiles and runs the chunk in a fresh
// state with print captured (state creation excluded), in CPU time; prints `ms <milliseconds>` per rep, then
// `out <the first rep's output>`. Built by bench/gopher.mjs from Debian's golang-github-yuin-gopher-lua-dev.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	lua "github.com/yuin/gopher-lua"
)

// cpuMs is the process's CPU time in milliseconds (all threads), as os.clock gives it in lua5.4:
// the machine is shared, and wall time would count the time other processes had the cores.
func cpuMs() float64 {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		panic(err)
	}
	return float64(usage.Utime.Nano()+usage.Stime.Nano()) / 1e6
}

func main() {
	source, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	reps, _ := strconv.Atoi(os.Args[2])
	first := ""
	for rep := 0; rep < reps; rep++ {
		var out strings.Builder
		L := lua.NewState()
		L.SetGlobal("print", L.NewFunction(func(L *lua.LState) int {
			parts := make([]string, L.GetTop())
			for i := range parts {
				parts[i] = L.ToStringMeta(L.Get(i + 1)).String()
			}
			out.WriteString(strings.Join(parts, "\t") + "\n")
			return 0
		}))
		start := cpuMs()
		if err := L.DoString(string(source)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("ms %.3f\n", cpuMs()-start)
		L.Close()
		if rep == 0 {
			first = out.String()
		}
	}
	fmt.Printf("out %s\n", strings.ReplaceAll(first, "\n", "\\n"))
}
