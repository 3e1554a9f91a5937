package repayjump

// #include "shim.h"
import "C"

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"sync"
)

// firstCap is how many findings the first call stores; an input with more
// is checked again with room for all of them.
const firstCap = 32

// The call struct, the buffer (which may hold the key: it goes back wiped),
// the pairs and the findings of a check are reused, not allocated per call.
type checkCall struct {
	call     C.rjgo_check_call
	buf      []byte
	pairs    []C.rjgo_pair
	findings []C.rjgo_finding
}

var checkScratch = sync.Pool{New: func() any {
	return &checkCall{findings: make([]C.rjgo_finding, firstCap)}
}}

// CheckText checks an App path ("pages/invest_list/invest_list?appid=...")
// or a bare query ("appid=...&mchid=..."), as `repayjump check` does: every
// problem, in input order, with byte offsets into text. The error is only
// for bad options or a library that cannot check; what the text gets wrong
// is in the result.
func CheckText(text string, opt *CheckOptions) (CheckResult, error) {
	s, err := startCheck(opt, len(text))
	if err != nil {
		return CheckResult{}, err
	}
	defer checkScratch.Put(s)
	s.buf = append(s.buf, text...)
	s.appendKey(opt)
	return s.checkText(len(text))
}

// checkText checks the first n bytes of the buffer as a text.
func (s *checkCall) checkText(n int) (CheckResult, error) {
	return s.run(func(findings *C.rjgo_finding, cap int) C.int {
		return C.rjgo_check_text(bufPtr(s.buf), C.size_t(n), &s.call,
			findings, C.size_t(cap))
	})
}

// CheckPairs checks key/value pairs that the caller parsed, in their order,
// as one object, told by its keys: a wx.navigateToMiniProgram argument
// (KindNavigate: it has extraData or envVersion, or appId and path), an App
// launch request (KindAppLaunch: userName, miniProgramType or path), or
// else the jump's fields (an extraData; KindNone). Findings come in the
// pairs' order, and their offsets count bytes of the value (InValue). See
// Pair for the values.
//
// A pair keyed extraData whose value is an object is followed by one pair
// per member, keyed "extraData.<key>", which is the key findings about a
// member have ("extraData.nonce_str"): the members of a map[string]any, in
// key order; of a json.RawMessage holding an object, in their order; of a
// string that decodes to an object (extraData encoded twice, which is
// itself a finding), in their order. Finding.Pair counts the pairs so sent.
// Only extraData is opened, and only at the top.
func CheckPairs(pairs []Pair, opt *CheckOptions) (CheckResult, error) {
	if err := loadCheck(); err != nil {
		return CheckResult{}, err
	}
	pairs = withMembers(pairs)
	values := make([][]byte, len(pairs))
	size := 0
	for i, p := range pairs {
		if v, ok := p.Value.(string); ok {
			size += len(p.Key) + len(v)
			continue
		}
		text, err := jsonText(p.Value)
		if err != nil {
			return CheckResult{}, &Error{Status: StatusArg, Message: fmt.Sprintf(
				"%s: a %T cannot be written as JSON (%v)", p.Key, p.Value, err)}
		}
		values[i] = text
		size += len(p.Key) + len(text)
	}
	s, err := startCheck(opt, size)
	if err != nil {
		return CheckResult{}, err
	}
	defer checkScratch.Put(s)
	s.pairs = s.pairs[:0]
	for i, p := range pairs {
		cp := C.rjgo_pair{key_len: C.size_t(len(p.Key)),
			_type: C.int(C.RJGO_VALUE_STRING), key_offset: C.RJGO_NO_OFFSET,
			value_offset: C.RJGO_NO_OFFSET}
		cp.key = C.uintptr_t(len(s.buf))
		s.buf = append(s.buf, p.Key...)
		cp.value = C.uintptr_t(len(s.buf))
		if values[i] != nil {
			cp._type = C.RJGO_VALUE_NOT_STRING
			s.buf = append(s.buf, values[i]...)
		} else {
			s.buf = append(s.buf, p.Value.(string)...)
		}
		cp.value_len = C.size_t(len(s.buf)) - C.size_t(cp.value)
		s.pairs = append(s.pairs, cp)
	}
	s.appendKey(opt)
	var first *C.rjgo_pair
	if len(s.pairs) > 0 {
		first = &s.pairs[0]
	}
	return s.run(func(findings *C.rjgo_finding, cap int) C.int {
		return C.rjgo_check_pairs(bufPtr(s.buf), &s.call, first,
			C.size_t(len(s.pairs)), findings, C.size_t(cap))
	})
}

// CheckMap checks the members of a decoded JSON object (an extraData, a
// navigate argument, a launch request), as CheckPairs does: an extraData
// map in it is opened, its members checked as "extraData.<key>". A Go map
// has no order, so the pairs are taken in key order, extraData's members
// too, and so are the findings; to get them in the input's order, decode
// into []Pair (for example with json.Decoder.Token, extraData as a
// json.RawMessage) and call CheckPairs.
func CheckMap(m map[string]any, opt *CheckOptions) (CheckResult, error) {
	return CheckPairs(sortedPairs(m, ""), opt)
}

// sortedPairs is the members of m in key order, each key after prefix.
func sortedPairs(m map[string]any, prefix string) []Pair {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]Pair, len(keys))
	for i, k := range keys {
		pairs[i] = Pair{prefix + k, m[k]}
	}
	return pairs
}

// extraDataKey is the one key whose object value is opened into pairs,
// each member's key after extraDataKey and a dot.
const extraDataKey = "extraData"

// withMembers is pairs as the library takes them: each pair keyed
// extraData whose value is an object is followed by its members (see
// CheckPairs). pairs itself is left as it is.
func withMembers(pairs []Pair) []Pair {
	var out []Pair
	for i, p := range pairs {
		if p.Key != extraDataKey {
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		members := membersOf(p.Value)
		if members == nil {
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		if out == nil {
			out = append(make([]Pair, 0, len(pairs)+len(members)), pairs[:i]...)
		}
		out = append(append(out, p), members...)
	}
	if out == nil {
		return pairs
	}
	return out
}

// membersOf is extraData's members as pairs when v is an object; nil when
// it is not one, or has none.
func membersOf(v any) []Pair {
	prefix := extraDataKey + "."
	switch v := v.(type) {
	case map[string]any:
		return sortedPairs(v, prefix)
	case json.RawMessage:
		return decodeMembers(v, prefix)
	case string:
		return decodeMembers([]byte(v), prefix)
	}
	return nil
}

// decodeMembers is the members of the JSON object text holds, in their
// order, each key after prefix: a string member as a string, any other as
// its json.RawMessage; nil unless text is one valid JSON object.
func decodeMembers(text []byte, prefix string) []Pair {
	if !json.Valid(text) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var members []Pair
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil
		}
		var value any = raw
		if len(raw) > 0 && raw[0] == '"' {
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil
			}
			value = s
		}
		members = append(members, Pair{prefix + key, value})
	}
	return members
}

// jsonText is v as encoding/json writes it, without HTML escaping, so that
// a fix can quote it as the input had it.
func jsonText(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// loadCheck loads the library and makes sure it has the check.
func loadCheck() error {
	if err := Load(); err != nil {
		return err
	}
	if library.names.codes == nil {
		return loadError("librepayjump %s has no check functions "+
			"(repayjump_check_text); install one that has them",
			library.info.Version)
	}
	return nil
}

// startCheck takes a scratch from the pool with the options set and room
// in its buffer for size bytes of input and the key, so that the buffer is
// never grown, and so never copied, while it holds the key.
func startCheck(opt *CheckOptions, size int) (*checkCall, error) {
	if err := loadCheck(); err != nil {
		return nil, err
	}
	if opt == nil {
		opt = &CheckOptions{}
	}
	variant := Variant(C.RJGO_VARIANT_AUTO)
	if opt.Variant != nil {
		variant = *opt.Variant
		if variant < V3Merchant || variant > V2Partner {
			return nil, &Error{Status: StatusArg, Message: fmt.Sprintf(
				"variant: %d is not a variant (0 to %d)", int(variant), V2Partner)}
		}
	}
	if uint64(opt.Flags) > math.MaxUint32 {
		return nil, &Error{Status: StatusArg, Message: fmt.Sprintf(
			"flags: unknown bits 0x%x", uint64(opt.Flags)&^3)}
	}
	if i := bytes.IndexByte(opt.APIKey, 0); i >= 0 {
		return nil, &Error{Status: StatusCharset, Field: FieldAPIKey, Offset: i,
			Message: fmt.Sprintf("api_key: byte %d is 0x00; a key cannot "+
				"contain a NUL byte", i)}
	}
	s := checkScratch.Get().(*checkCall)
	s.call.variant = C.int(variant)
	s.call.flags = C.uint(opt.Flags)
	s.call.api_key_at = -1
	// One byte more, so that the buffer is never empty: every pair then
	// points into it, even when all of them are empty.
	size += len(opt.APIKey) + 2
	if cap(s.buf) < size {
		s.buf = make([]byte, 0, size)
	}
	s.buf = s.buf[:0]
	return s, nil
}

// appendKey puts the key and its NUL at the end of the buffer, and a last
// byte after the input when there is no key.
func (s *checkCall) appendKey(opt *CheckOptions) {
	if opt != nil && len(opt.APIKey) > 0 {
		s.call.api_key_at = C.long(len(s.buf))
		s.buf = append(s.buf, opt.APIKey...)
	}
	s.buf = append(s.buf, 0)
}

// run makes the call with room for firstCap findings, and once more with
// room for all when there were more; then it wipes the buffer.
func (s *checkCall) run(call func(*C.rjgo_finding, int) C.int) (CheckResult, error) {
	defer wipe(s.buf)
	findings := s.findings // the pool keeps only these firstCap
	rc := call(&findings[0], len(findings))
	if rc == 0 && int(s.call.result.count) > len(findings) {
		findings = make([]C.rjgo_finding, int(s.call.result.count))
		rc = call(&findings[0], len(findings))
	}
	if rc != 0 {
		return CheckResult{}, &Error{Status: Status(rc), Message: fmt.Sprintf(
			"check: options refused (flags 0x%x): %s", uint(s.call.flags),
			C.GoString(C.rjgo_strerror(rc)))}
	}
	r := &s.call.result
	n := int(r.count)
	if n > len(findings) { // cannot happen: the same input, the same count
		n = len(findings)
	}
	out := CheckResult{Kind: Kind(r.kind), Variant: Variant(r.variant),
		Errors: int(r.errors), Warnings: int(r.warnings), Notes: int(r.notes),
		Findings: make([]Finding, n)}
	for i := range out.Findings {
		out.Findings[i] = s.finding(&findings[i])
	}
	return out, nil
}

func (s *checkCall) finding(f *C.rjgo_finding) Finding {
	out := Finding{Code: Code(f.code), Severity: Severity(f.severity),
		Field: Field(f.field), Offset: sizeOrNone(f.offset),
		Length: int(f.length), InValue: f.in_value != 0,
		Pair:    sizeOrNone(f.pair),
		Message: C.GoString(&f.message[0]), Fix: C.GoString(&f.fix[0])}
	if f.key != C.RJGO_NO_KEY {
		out.Key = string(s.buf[f.key : f.key+C.uintptr_t(f.key_len)])
	}
	return out
}

// sizeOrNone is n as an int, -1 for REPAYJUMP_NO_OFFSET.
func sizeOrNone(n C.size_t) int {
	if n == C.RJGO_NO_OFFSET {
		return -1
	}
	return int(n)
}
