package repayjump

// #include "shim.h"
import "C"

import (
	"fmt"
	"math"
	"strings"
	"sync"
)

// Result holds every output of one Compose. Every string is ready to hand
// over as it is: the rules admit only bytes that need no JSON or URL
// escaping.
type Result struct {
	NonceStr      string // the nonce used: Params.NonceStr or a fresh one
	Sign          string // 64 uppercase hex digits; empty outside v2
	ExtraDataJSON string // extraData of <navigator> and wx.navigateToMiniProgram
	NavigateJSON  string // the whole argument of wx.navigateToMiniProgram
	AppPath       string // path of WXLaunchMiniProgramReq
	AppLaunchJSON string // userName, path and miniProgramType for an App
}

// The call structs (4 KiB for a compose) and the buffers of packed values
// are reused, not allocated per call; a buffer goes back wiped.
type composeCall struct {
	call C.rjgo_compose_call
	buf  []byte
}

type renderCall struct {
	call C.rjgo_render_call
	buf  []byte
}

var (
	composeScratch = sync.Pool{New: func() any { return new(composeCall) }}
	renderScratch  = sync.Pool{New: func() any { return new(renderCall) }}
)

// Compose validates p, generates a 32-character nonce when p.NonceStr is
// empty, signs (v2 variants) and renders every output, in one call into
// the library. A failure is an *Error.
func Compose(p Params) (Result, error) {
	if err := Load(); err != nil {
		return Result{}, err
	}
	if err := p.checkRanges(); err != nil {
		return Result{}, err
	}
	s := composeScratch.Get().(*composeCall)
	defer composeScratch.Put(s)
	call := &s.call
	s.buf = pack(&p, nil, &call.in, s.buf)
	rc := C.rjgo_compose(bufPtr(s.buf), call)
	wipe(s.buf)
	if rc != 0 {
		return Result{}, fromLibrary(&call.err, &p, nil)
	}
	// One Go string holds all six outputs; the fields are slices of it.
	r := &call.result
	parts := [...]*C.char{&r.nonce_str[0], &r.sign[0], &r.extra_data_json[0],
		&r.navigate_json[0], &r.app_path[0], &r.app_launch_json[0]}
	var all strings.Builder
	all.Grow(int(call.len[0] + call.len[1] + call.len[2] + call.len[3] +
		call.len[4] + call.len[5]))
	for i, part := range parts {
		all.Write(cBytes(part, call.len[i]))
	}
	rest := all.String()
	var out [6]string
	for i := range out {
		n := int(call.len[i])
		out[i], rest = rest[:n], rest[n:]
	}
	return Result{out[0], out[1], out[2], out[3], out[4], out[5]}, nil
}

// Render validates p and writes one output. It is deterministic, so
// p.NonceStr is required. A failure is an *Error.
func Render(format Format, p Params) (string, error) {
	if err := Load(); err != nil {
		return "", err
	}
	if err := p.checkRanges(); err != nil {
		return "", err
	}
	if format < math.MinInt32 || format > math.MaxInt32 {
		return "", &Error{Status: StatusArg, Message: fmt.Sprintf(
			"format: %d is not a format (0 to %d)", int(format), AppLaunchJSON)}
	}
	s := renderScratch.Get().(*renderCall)
	defer renderScratch.Put(s)
	call := &s.call
	call.format = C.int(format)
	s.buf = pack(&p, nil, &call.in, s.buf)
	rc := C.rjgo_render(bufPtr(s.buf), call)
	wipe(s.buf)
	if rc != 0 {
		return "", fromLibrary(&call.err, &p, nil)
	}
	return string(cBytes(&call.out[0], call.len)), nil
}

// Nonce returns n (1 to 32) characters of [A-Za-z0-9] from libsodium's
// CSPRNG, each exactly uniform.
func Nonce(n int) (string, error) {
	if err := Load(); err != nil {
		return "", err
	}
	var out [FieldMax + 1]C.char
	size := C.size_t(n)
	if n < 0 {
		size = 0 // refused by the library like any length out of range
	}
	switch rc := Status(C.rjgo_nonce(&out[0], C.size_t(len(out)), size)); rc {
	case StatusOK:
	case StatusArg:
		return "", &Error{Status: rc, Message: fmt.Sprintf(
			"length: %d is not 1 to %d", n, FieldMax)}
	default:
		return "", &Error{Status: rc, Message: "nonce: " +
			C.GoString(C.rjgo_strerror(C.int(rc)))}
	}
	return string(cBytes(&out[0], C.size_t(n))), nil
}
