package repayjump

// #include "shim.h"
import "C"

import (
	"fmt"
	"runtime"
	"strings"
	"unsafe"
)

// pack writes p's values, and q's when q is not nil, each followed by a
// NUL, into buf (reused, wiped) for C to read during a single call, and
// records where each starts in in.at.
//
// A NUL inside a value cannot cross as a C string, so it crosses as 0x01, a
// byte every rule refuses: the library then reports it with its own order,
// status and offset, and fromLibrary names it as a NUL.
func pack(p *Params, q *StatusQuery, in *C.rjgo_input, buf []byte) []byte {
	values := textValues(p, q)
	size := len(p.APIKey) + 1
	for _, v := range values {
		size += len(v) + 1
	}
	if cap(buf) < size { // never grown while it holds the key
		buf = make([]byte, 0, size)
	}
	buf = buf[:0]
	in.variant = C.int(p.Variant)
	in.flags = C.uint(p.Flags)
	for f := FieldAppID; f < fieldAllCount; f++ {
		start := len(buf)
		if f == FieldAPIKey {
			buf = append(buf, p.APIKey...)
		} else {
			buf = append(buf, values[f]...)
		}
		if len(buf) == start {
			in.at[f] = -1
			continue
		}
		for i := start; i < len(buf); i++ {
			if buf[i] == 0 {
				buf[i] = 1
			}
		}
		in.at[f] = C.long(start)
		buf = append(buf, 0)
	}
	return buf
}

// textValues gives every string field by its number: p's, and q's when q
// is not nil; the APIKey, kept as bytes, is left empty.
func textValues(p *Params, q *StatusQuery) (v [fieldAllCount]string) {
	t := p.textFields()
	copy(v[:], t[:])
	if q != nil {
		v[FieldTradeScene] = q.TradeScene
		v[FieldJumpScene] = q.JumpScene
		v[FieldPlateNumber] = q.PlateNumber
	}
	return v
}

// wipe zeroes buf, which held the key, once C is done with it.
func wipe(buf []byte) {
	for i := range buf {
		buf[i] = 0
	}
	runtime.KeepAlive(buf)
}

// bufPtr is the C view of buf; C never dereferences it when every field is
// absent (then buf is empty).
func bufPtr(buf []byte) *C.char {
	if len(buf) == 0 {
		return nil
	}
	return (*C.char)(unsafe.Pointer(&buf[0]))
}

// fromLibrary turns the library's error into an *Error, naming a NUL the
// caller sent (see pack) for what it is; q is the status query, or nil.
func fromLibrary(e *C.rjgo_error, p *Params, q *StatusQuery) *Error {
	err := &Error{
		Status:  Status(e.status),
		Field:   Field(e.field),
		Offset:  int(e.offset),
		Message: C.GoString(&e.message[0]),
	}
	if err.Status == StatusCharset && err.Field > FieldNone &&
		err.Field < fieldAllCount && err.Field != FieldAPIKey {
		v := textValues(p, q)[err.Field]
		if err.Offset < len(v) && v[err.Offset] == 0 {
			at := fmt.Sprintf("byte %d is ", err.Offset)
			err.Message = strings.Replace(err.Message, at+"0x01", at+"0x00", 1)
		}
	}
	return err
}

// cString copies the n bytes of a C array that Go allocated into b.
func cBytes(p *C.char, n C.size_t) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n))
}
