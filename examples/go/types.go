package repayjump

import "fmt"

// Variant selects one of the four published versions of the jump. The
// values are the library's (repayjump_variant).
type Variant int

const (
	V3Merchant Variant = 0 // appid, mchid, nonce_str, openid
	V3Partner  Variant = 1 // + sub_appid, sub_mch_id, sub_openid
	V2Merchant Variant = 2 // mch_id, + sign_type, sign
	V2Partner  Variant = 3 // both of the above
)

func (v Variant) String() string {
	switch v {
	case V3Merchant:
		return "V3Merchant"
	case V3Partner:
		return "V3Partner"
	case V2Merchant:
		return "V2Merchant"
	case V2Partner:
		return "V2Partner"
	}
	return fmt.Sprintf("Variant(%d)", int(v))
}

// Format names one output of Render (repayjump_format).
type Format int

const (
	ExtraDataJSON Format = 0 // extraData of <navigator>
	NavigateJSON  Format = 1 // argument of wx.navigateToMiniProgram
	AppPath       Format = 2 // path of WXLaunchMiniProgramReq
	AppLaunchJSON Format = 3 // userName, path, miniProgramType
)

func (f Format) String() string {
	switch f {
	case ExtraDataJSON:
		return "ExtraDataJSON"
	case NavigateJSON:
		return "NavigateJSON"
	case AppPath:
		return "AppPath"
	case AppLaunchJSON:
		return "AppLaunchJSON"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Flags are the bits of Params.Flags.
type Flags uint

const (
	AllowNoOpenID Flags = 1 // openid may be absent (then it is omitted)
	Relaxed       Flags = 2 // looser appid, mchid and api_key rules
)

// Sizes and fixed values of this version of the library. Load checks the
// sizes against the library it loads.
const (
	FieldMax       = 32   // longest emitted value (string(32))
	OutputMax      = 1024 // holds every output of every variant, with its NUL
	TargetAppID    = "wx5e73c65404eee268"
	TargetUsername = "gh_5e259b7a73b1"
	TargetPath     = "pages/invest_list/invest_list"
	// The status query's: a body is at most StatusRequestMax - 1 bytes;
	// ParseStatus reads answers of at most AnswerMax bytes (read one byte
	// more from the connection to tell a longer one).
	StatusRequestMax = 1024
	AnswerMax        = 16384
)
