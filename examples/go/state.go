package repayjump

// #include "shim.h"
import "C"

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// StatusQuery is what WeChat Pay's user state query (querystate) asks
// besides the merchant's identity. An empty string means absent. The
// strict rules: TradeScene one of "PARKING", "PARKING SPACE", "GAS",
// "HIGHWAY", "BRIDGE"; JumpScene "APP" or "H5"; PlateNumber a province's
// abbreviation then 6 or 7 of [A-Z0-9] ("粤B888888"). Relaxed loosens
// each (README, "The user's state").
type StatusQuery struct {
	TradeScene  string // required
	JumpScene   string // "APP" or "H5"; empty: a mini program
	PlateNumber string // the user's plate, UTF-8: instead of, or with, an openid
}

// UserState is the user's state in a trusted answer (repayjump_user_state).
type UserState int

const (
	StateUnknown      UserState = 0 // a value not listed here: see StatusResult.UserState
	StateNormal       UserState = 1 // nothing owed
	StatePaused       UserState = 2
	StateOverdue      UserState = 3 // owes what WeChat advanced: offer the repayment jump
	StateUnauthorized UserState = 4
)

// String is the library's name: "NORMAL", "PAUSED", "OVERDUE",
// "UNAUTHORIZED"; "unknown" for StateUnknown.
func (s UserState) String() string { return name(loadedStates(), int(s), "UserState") }

// StatusResult is a trusted answer: its values decoded from the XML, UTF-8,
// "" when absent.
type StatusResult struct {
	State           UserState
	UserState       string // verbatim, also when State is StateUnknown
	DeductMode      string // "PROACTIVE" or "AUTOPAY"
	OpenID          string
	SubOpenID       string
	Path            string
	PlateNumberInfo string // a JSON text, as WeChat Pay sent it
	PlateNumber     string
}

// Repay reports whether to offer the repayment jump: the user is OVERDUE.
func (r StatusResult) Repay() bool { return r.State == StateOverdue }

// WeChatError is an answer in which WeChat Pay said FAIL: return_code
// (Err.Status is StatusReturnFail; the answer is unsigned, so only
// ReturnMsg is kept) or result_code (StatusResultFail, signed and
// checked). The words are WeChat's, verbatim; errors.As also finds Err.
type WeChatError struct {
	Err        *Error
	ReturnMsg  string
	ErrCode    string // StatusResultFail only, e.g. "SYSTEMERROR"
	ErrCodeDes string // StatusResultFail only
}

// Error is the library's message, then WeChat's words, quoted.
func (e *WeChatError) Error() string {
	if e.Err.Status == StatusReturnFail {
		return e.Err.Error() + "; return_msg " + strconv.Quote(e.ReturnMsg)
	}
	return e.Err.Error() + "; err_code " + strconv.Quote(e.ErrCode) +
		", err_code_des " + strconv.Quote(e.ErrCodeDes)
}

// Unwrap gives the *Error.
func (e *WeChatError) Unwrap() error { return e.Err }

// The call structs (7 KiB for an answer) and the buffers of packed values
// are reused, as for Compose; a buffer goes back wiped.
type statusRequestCall struct {
	call C.rjgo_status_request_call
	buf  []byte
}

type statusParseCall struct {
	call C.rjgo_status_parse_call
	buf  []byte
}

var (
	statusRequestScratch = sync.Pool{New: func() any { return new(statusRequestCall) }}
	statusParseScratch   = sync.Pool{New: func() any { return new(statusParseCall) }}
)

// loadStatus loads the library and makes sure it has the status query.
func loadStatus() error {
	if err := Load(); err != nil {
		return err
	}
	if library.states == nil {
		return loadError("librepayjump %s has no status query "+
			"(repayjump_status_request); install one that has it",
			library.info.Version)
	}
	return nil
}

// loadedStates loads the library if need be; after Load the names are
// only read, so any goroutine may use them.
func loadedStates() []string {
	_ = Load()
	return library.states
}

// StatusRequest validates p and q and returns the signed XML body of the
// user state query, to POST to StatusURL(p.Variant, false). Every variant
// signs it with the merchant's APIv2 key, so p.APIKey is required in all
// four (the APIv3 variants take it here only). p needs an OpenID, a
// SubOpenID (partners) or q.PlateNumber; an empty p.NonceStr draws a fresh
// one. A failure is an *Error.
func StatusRequest(p Params, q StatusQuery) (string, error) {
	if err := loadStatus(); err != nil {
		return "", err
	}
	if err := p.checkRanges(); err != nil {
		return "", err
	}
	s := statusRequestScratch.Get().(*statusRequestCall)
	defer statusRequestScratch.Put(s)
	call := &s.call
	s.buf = pack(&p, &q, &call.in, s.buf)
	rc := C.rjgo_status_request(bufPtr(s.buf), call)
	wipe(s.buf)
	if rc != 0 {
		return "", fromLibrary(&call.err, &p, &q)
	}
	return string(cBytes(&call.out[0], call.len)), nil
}

// StatusURL is where to POST a variant's request: WeChat Pay's primary
// host, or with backup its backup host (api2.mch.weixin.qq.com), for a
// retry after a failed connection, a timeout or a 5xx.
func StatusURL(v Variant, backup bool) (string, error) {
	if err := loadStatus(); err != nil {
		return "", err
	}
	var u *C.char
	if v >= math.MinInt32 && v <= math.MaxInt32 {
		b := 0
		if backup {
			b = 1
		}
		u = C.rjgo_status_url(C.int(v), C.int(b))
	}
	if u == nil {
		return "", &Error{Status: StatusArg, Message: fmt.Sprintf(
			"variant: %d is not a variant (0 to %d)", int(v), V2Partner)}
	}
	return C.GoString(u), nil
}

// ParseStatus reads WeChat Pay's answer to a request made with p (its
// Variant, AppID, MchID, SubMchID and APIKey are used; any OpenID or
// NonceStr is ignored) and returns the user's state only if the answer is
// trusted: flat XML of at most AnswerMax bytes, no element twice, signed
// with p.APIKey (compared in constant time), for the appid and merchant
// asked, and SUCCESS. Otherwise the error is an *Error whose Status is the
// first check that failed, or a *WeChatError with WeChat's words when it
// said FAIL.
func ParseStatus(p Params, answer []byte) (StatusResult, error) {
	if err := loadStatus(); err != nil {
		return StatusResult{}, err
	}
	if err := p.checkRanges(); err != nil {
		return StatusResult{}, err
	}
	s := statusParseScratch.Get().(*statusParseCall)
	defer statusParseScratch.Put(s)
	call := &s.call
	s.buf = pack(&p, nil, &call.in, s.buf)
	var a *C.char
	if len(answer) > 0 {
		a = (*C.char)(unsafe.Pointer(&answer[0]))
	}
	rc := Status(C.rjgo_status_parse(bufPtr(s.buf), a, C.size_t(len(answer)), call))
	wipe(s.buf)
	r := &call.result
	switch rc {
	case StatusOK:
		v := s.members(0, &r.user_state[0], &r.deduct_mode[0], &r.openid[0],
			&r.sub_openid[0], &r.path[0], &r.plate_number_info[0],
			&r.plate_number[0])
		return StatusResult{State: UserState(r.state), UserState: v[0],
			DeductMode: v[1], OpenID: v[2], SubOpenID: v[3], Path: v[4],
			PlateNumberInfo: v[5], PlateNumber: v[6]}, nil
	case StatusReturnFail, StatusResultFail:
		v := s.members(7, &r.return_msg[0], &r.err_code[0], &r.err_code_des[0])
		return StatusResult{}, &WeChatError{Err: fromLibrary(&call.err, &p, nil),
			ReturnMsg: v[0], ErrCode: v[1], ErrCodeDes: v[2]}
	}
	return StatusResult{}, fromLibrary(&call.err, &p, nil)
}

// members copies the result's members from the first-th on, in member
// order, into one Go string of which they are slices.
func (s *statusParseCall) members(first int, members ...*C.char) []string {
	c := &s.call
	var all strings.Builder
	n := 0
	for i := range members {
		n += int(c.len[first+i])
	}
	all.Grow(n)
	for i, m := range members {
		all.Write(cBytes(m, c.len[first+i]))
	}
	rest := all.String()
	out := make([]string, len(members))
	for i := range out {
		n := int(c.len[first+i])
		out[i], rest = rest[:n], rest[n:]
	}
	return out
}
