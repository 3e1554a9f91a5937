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
	// A WeChat Pay answer that is not trusted (ParseStatus), in the order
	// the checks run:
	StatusTooLarge   Status = -10 // over 16 KiB
	StatusXML        Status = -11 // not flat XML: a DOCTYPE, an entity, a comment, an attribute, nesting, ...
	StatusDuplicate  Status = -12 // an element twice
	StatusReturnFail Status = -13 // return_code is not SUCCESS (unsigned): see *WeChatError
	StatusSignature  Status = -14 // sign missing, or not the answer's HMAC
	StatusEcho       Status = -15 // appid, mch_id or sub_mch_id is not what was asked
	StatusResultFail Status = -16 // result_code is not SUCCESS (signed): see *WeChatError
	StatusNoState    Status = -17 // a trusted answer without user_state
)

var statusNames = [...]string{
	"REPAYJUMP_OK", "REPAYJUMP_E_ARG", "REPAYJUMP_E_BUFFER", "REPAYJUMP_E_RNG",
	"REPAYJUMP_E_MISSING", "REPAYJUMP_E_TOO_LONG", "REPAYJUMP_E_CHARSET",
	"REPAYJUMP_E_FORMAT", "REPAYJUMP_E_NOT_ALLOWED", "REPAYJUMP_E_CONFLICT",
	"REPAYJUMP_E_TOO_LARGE", "REPAYJUMP_E_XML", "REPAYJUMP_E_DUPLICATE",
	"REPAYJUMP_E_RETURN_FAIL", "REPAYJUMP_E_SIGNATURE", "REPAYJUMP_E_ECHO",
	"REPAYJUMP_E_RESULT_FAIL", "REPAYJUMP_E_NO_STATE",
}

// String gives the C name, e.g. "REPAYJUMP_E_MISSING".
func (s Status) String() string {
	if s <= 0 && int(-s) < len(statusNames) {
		return statusNames[-s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Field names a field of Params or StatusQuery in the library's numbering
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
	// The status query's own (StatusQuery):
	FieldTradeScene  Field = 9
	FieldJumpScene   Field = 10
	FieldPlateNumber Field = 11
	// A check finding's only (Finding.Field), keys of the jump that are not
	// fields of Params:
	FieldSignType Field = 64
	FieldSign     Field = 65
)

const (
	fieldCount    = 9  // REPAYJUMP_FIELD_COUNT: Params' fields and none
	fieldAllCount = 12 // REPAYJUMP_FIELD_ALL_COUNT: with the status query's
)

var fieldNames = [fieldAllCount]string{
	"none", "appid", "mchid", "nonce_str", "openid",
	"sub_appid", "sub_mchid", "sub_openid", "api_key",
	"trade_scene", "jump_scene", "plate_number",
}

// String gives the library's name of the field, e.g. "appid", "sign".
func (f Field) String() string {
	switch {
	case f >= 0 && f < fieldAllCount:
		return fieldNames[f]
	case f == FieldSignType:
		return "sign_type"
	case f == FieldSign:
		return "sign"
	}
	return fmt.Sprintf("Field(%d)", int(f))
}
