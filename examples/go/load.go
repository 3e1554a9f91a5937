package repayjump

// #cgo CFLAGS: -std=c11 -Wall -Wextra -Wpedantic
// #cgo LDFLAGS: -ldl
// #include <stdlib.h>
// #include "shim.h"
import "C"

import (
	"os"
	"sync"
	"unsafe"
)

// LibraryEnv names the environment variable that, when set, gives the path
// of the shared library to load.
const LibraryEnv = "REPAYJUMP_LIBRARY"

// librarySoname is what the system loader is asked for otherwise.
const librarySoname = "librepayjump.so.1"

var library struct {
	once  sync.Once
	err   error
	info  Info
	names names // empty when the library cannot check
	// states are the library's names of the user states; nil when it has
	// no status query.
	states []string
}

// Info describes the loaded library.
type Info struct {
	Version        string // "MAJOR.MINOR.PATCH"
	VersionNumber  int    // MAJOR<<16 | MINOR<<8 | PATCH
	TargetAppID    string
	TargetUsername string
	TargetPath     string
}

// Load loads the library and starts libsodium, once per process; every
// other function calls it. Call it at start-up to fail early: the error
// wraps ErrNotLoaded and says which variable to set or what to install.
func Load() error {
	library.once.Do(func() { library.err = load() })
	return library.err
}

func load() error {
	path := os.Getenv(LibraryEnv)
	fromEnv := path != ""
	if !fromEnv {
		path = librarySoname
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var why [512]C.char
	var initStatus C.int
	var info C.rjgo_info
	switch C.rjgo_load(cpath, &why[0], C.size_t(len(why)), &initStatus, &info) {
	case C.RJGO_NO_LIBRARY:
		if fromEnv {
			return loadError("%s=%s cannot be loaded (%s); point it at "+
				"librepayjump.so.1 as built (build/librepayjump.so.1) or "+
				"installed, or unset it to use the system loader",
				LibraryEnv, path, C.GoString(&why[0]))
		}
		return loadError("%s not found by the system loader (%s); install "+
			"the library (cmake --install build) and run ldconfig, or set "+
			"%s to the path of librepayjump.so.1",
			librarySoname, C.GoString(&why[0]), LibraryEnv)
	case C.RJGO_NO_SYMBOL:
		return loadError("%s is not a compatible repayjump library: %s",
			path, C.GoString(&why[0]))
	}
	if info.output_max != OutputMax || info.field_max != FieldMax {
		return loadError("%s has output_max %d and field_max %d; this "+
			"binding was written for %d and %d", path, info.output_max,
			info.field_max, OutputMax, FieldMax)
	}
	if info.has_check != 0 && (info.message_max != C.RJGO_MESSAGE_MAX ||
		info.sign_len != C.RJGO_SIGN_LEN) {
		return loadError("%s has message_max %d and sign_len %d; this "+
			"binding was written for %d and %d", path, info.message_max,
			info.sign_len, C.RJGO_MESSAGE_MAX, C.RJGO_SIGN_LEN)
	}
	if info.has_status != 0 && (info.status_request_max != C.RJGO_STATUS_REQUEST_MAX ||
		info.answer_max != C.RJGO_ANSWER_MAX ||
		info.status_result_size != C.sizeof_rjgo_status_result) {
		return loadError("%s has status_request_max %d, answer_max %d and "+
			"status_result_size %d; this binding was written for %d, %d and %d",
			path, info.status_request_max, info.answer_max,
			info.status_result_size, C.RJGO_STATUS_REQUEST_MAX,
			C.RJGO_ANSWER_MAX, C.sizeof_rjgo_status_result)
	}
	if initStatus != 0 {
		return &Error{Status: Status(initStatus), Message: "libsodium could " +
			"not be initialised: " + C.GoString(C.rjgo_strerror(initStatus))}
	}
	library.info = Info{
		Version:        C.GoString(info.version),
		VersionNumber:  int(info.version_number),
		TargetAppID:    C.GoString(info.target_appid),
		TargetUsername: C.GoString(info.target_username),
		TargetPath:     C.GoString(info.target_path),
	}
	if info.has_check != 0 {
		library.names = readNames()
	}
	if info.has_status != 0 {
		library.states = readStates()
	}
	return nil
}

// LibraryInfo describes the loaded library, loading it first.
func LibraryInfo() (Info, error) {
	if err := Load(); err != nil {
		return Info{}, err
	}
	return library.info, nil
}

// Version is the loaded library's version, e.g. "0.2.0".
func Version() (string, error) {
	info, err := LibraryInfo()
	return info.Version, err
}
