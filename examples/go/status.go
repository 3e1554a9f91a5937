package repayjump

import "fmt"

// Status is the library's status code (repayjump_status): 0 or negative,
// never renumbered.
type Status int

const (
	StatusOK         Status = 0
	StatusArg        Status = -1 // unknown variant, format or flag; bad length
	StatusBuffer     Status = -2 // output buffer too small
	StatusRNG        Status = -3 // randomness unavailable
	StatusMissing    Status = -4 // a required field is absent
	StatusTooLong    Status = -5 // a value is longer than its rule allows
	StatusCharset    Status = -6 // a byte outside the field's alphabet
	StatusFormat     Status = -7 // right alphabet, wrong shape
	StatusNotAllowed Status = -8 // a field this variant does not use is set
	StatusConflict   Status = -9 // sub_openid without sub_appid
)

var statusNames = [...]string{
	"REPAYJUMP_OK", "REPAYJUMP_E_ARG", "REPAYJUMP_E_BUFFER", "REPAYJUMP_E_RNG",
	"REPAYJUMP_E_MISSING", "REPAYJUMP_E_TOO_LONG", "REPAYJUMP_E_CHARSET",
	"REPAYJUMP_E_FORMAT", "REPAYJUMP_E_NOT_ALLOWED", "REPAYJUMP_E_CONFLICT",
}

// String gives the C name, e.g. "REPAYJUMP_E_MISSING".
func (s Status) String() string {
	if s <= 0 && int(-s) < len(statusNames) {
		return statusNames[-s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Field names a field of Params in the library's numbering
// (repayjump_field), as reported in Error.Field.
type Field int

const (
	FieldNone      Field = 0
	FieldAppID     Field = 1
	FieldMchID     Field = 2
	FieldNonceStr  Field = 3
	FieldOpenID    Field = 4
	FieldSubAppID  Field = 5
	FieldSubMchID  Field = 6
	FieldSubOpenID Field = 7
	FieldAPIKey    Field = 8
)

const fieldCount = 9 // REPAYJUMP_FIELD_COUNT

var fieldNames = [fieldCount]string{
	"none", "appid", "mchid", "nonce_str", "openid",
	"sub_appid", "sub_mchid", "sub_openid", "api_key",
}

// String gives the library's name of the field, e.g. "appid".
func (f Field) String() string {
	if f >= 0 && f < fieldCount {
		return fieldNames[f]
	}
	return fmt.Sprintf("Field(%d)", int(f))
}
