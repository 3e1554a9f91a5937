package repayjump

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The library is loaded once per process, so each lookup runs in a fresh
// copy of this test binary, which reports what Load returned instead of
// running the tests.
const childEnv = "REPAYJUMP_GO_LOAD_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "" {
		os.Exit(m.Run())
	}
	err := Load()
	switch {
	case err == nil:
		v, _ := Version()
		fmt.Print("loaded " + v)
	case errors.Is(err, ErrNotLoaded):
		fmt.Print(err)
	default:
		fmt.Print("not ErrNotLoaded: ", err)
	}
}

// runChild runs the child with env added to the environment, without
// REPAYJUMP_LIBRARY or LD_LIBRARY_PATH unless env sets them.
func runChild(t *testing.T, env ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, LibraryEnv+"=") &&
			!strings.HasPrefix(kv, "LD_LIBRARY_PATH=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, append(env, childEnv+"=1")...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	return string(out)
}

func TestLibraryLookup(t *testing.T) {
	built := os.Getenv(LibraryEnv)
	if built == "" {
		t.Fatalf("%s must name the library under test", LibraryEnv)
	}
	version, err := Version()
	if err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "librepayjump.so.1")
	notLibrary := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notLibrary, []byte("not a library\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sodium := "libsodium.so.23" // a real library without repayjump's symbols
	nowhere := []string{"repayjump: library not loaded: librepayjump.so.1 " +
		"not found by the system loader", "set " + LibraryEnv}
	if installed() {
		nowhere = []string{"loaded "}
	}

	cases := []struct {
		name string
		env  []string
		want []string
	}{
		{"the variable first", []string{LibraryEnv + "=" + built},
			[]string{"loaded " + version}},
		{"the variable pointing at a missing file",
			[]string{LibraryEnv + "=" + missing},
			[]string{"repayjump: library not loaded: ", LibraryEnv + "=" + missing +
				" cannot be loaded", "No such file", "unset it"}},
		{"the variable pointing at something else",
			[]string{LibraryEnv + "=" + notLibrary},
			[]string{"repayjump: library not loaded: ", notLibrary, "cannot be loaded"}},
		{"a library without the symbols", []string{LibraryEnv + "=" + sodium},
			[]string{"repayjump: library not loaded: ", "libsodium.so.23 is not a " +
				"compatible repayjump library", "repayjump_init"}},
		{"then the system loader",
			[]string{"LD_LIBRARY_PATH=" + filepath.Dir(built)},
			[]string{"loaded " + version}},
		{"an empty variable means unset",
			[]string{LibraryEnv + "=", "LD_LIBRARY_PATH=" + filepath.Dir(built)},
			[]string{"loaded " + version}},
		{"nowhere", nil, nowhere},
	}
	for _, c := range cases {
		got := runChild(t, c.env...)
		for _, want := range c.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: %q lacks %q", c.name, got, want)
			}
		}
	}
}

// installed tells whether the system loader's cache already lists the
// library, as after cmake --install and ldconfig.
func installed() bool {
	out, err := exec.Command("/sbin/ldconfig", "-p").Output()
	return err == nil && strings.Contains(string(out), librarySoname+" ")
}
