package repayjump

// #include "shim.h"
import "C"

import "fmt"

// names holds the library's names and code table, read once when it loads,
// so that the binding keeps no copy of them. It is empty for a library
// older than the check.
type names struct {
	codes      []string   // by Code: "value.space"
	severity   []Severity // by Code
	severities [C.RJGO_SEVERITY_COUNT]string
	kinds      [C.RJGO_KIND_COUNT]string
	variants   [C.RJGO_VARIANT_COUNT]string
	formats    [C.RJGO_FORMAT_COUNT]string
}

func readNames() names {
	var n names
	count := int(C.rjgo_check_code_count())
	n.codes = make([]string, count)
	n.severity = make([]Severity, count)
	for c := 0; c < count; c++ {
		n.codes[c] = C.GoString(C.rjgo_check_code_name(C.int(c)))
		n.severity[c] = Severity(C.rjgo_check_code_severity(C.int(c)))
	}
	for i := range n.severities {
		n.severities[i] = C.GoString(C.rjgo_severity_name(C.int(i)))
	}
	for i := range n.kinds {
		n.kinds[i] = C.GoString(C.rjgo_input_kind_name(C.int(i)))
	}
	for i := range n.variants {
		n.variants[i] = C.GoString(C.rjgo_variant_name(C.int(i)))
	}
	for i := range n.formats {
		n.formats[i] = C.GoString(C.rjgo_format_name(C.int(i)))
	}
	return n
}

// loadedNames loads the library if need be; after Load the names are only
// read, so any goroutine may use them.
func loadedNames() *names {
	_ = Load()
	return &library.names
}

// name is table[i], or the Go syntax of the number when the library has no
// name for it.
func name(table []string, i int, typ string) string {
	if i >= 0 && i < len(table) && table[i] != "" {
		return table[i]
	}
	return fmt.Sprintf("%s(%d)", typ, i)
}

// Name is the library's name of the variant, as on the command line and in
// JSON: "v3", "v3-partner", "v2", "v2-partner".
func (v Variant) Name() string {
	return name(loadedNames().variants[:], int(v), "Variant")
}

// Name is the library's name of the format: "extra-data", "navigate",
// "app-path", "app-launch".
func (f Format) Name() string {
	return name(loadedNames().formats[:], int(f), "Format")
}

// readStates reads the library's name of every user state.
func readStates() []string {
	states := make([]string, C.RJGO_STATE_COUNT)
	for i := range states {
		states[i] = C.GoString(C.rjgo_user_state_name(C.int(i)))
	}
	return states
}
