//go:build abicheck

package repayjump

// Built only with -tags abicheck and the library's headers on the include
// path (CGO_CFLAGS=-I...), as the tests are: it fails to compile unless
// abi.h and the Go constants match repayjump.h exactly.

// #include <repayjump.h>
// #include "shim.h"
// #define SAME_MEMBER(a, b, m) \
//   _Static_assert(offsetof(a, m) == offsetof(b, m) && \
//                  sizeof(((a *)0)->m) == sizeof(((b *)0)->m), #a "." #m);
// #define SAME_SIZE(a, b) _Static_assert(sizeof(a) == sizeof(b), #a);
// SAME_SIZE(rjgo_params, repayjump_params)
// SAME_MEMBER(rjgo_params, repayjump_params, variant)
// SAME_MEMBER(rjgo_params, repayjump_params, flags)
// SAME_MEMBER(rjgo_params, repayjump_params, appid)
// SAME_MEMBER(rjgo_params, repayjump_params, mchid)
// SAME_MEMBER(rjgo_params, repayjump_params, nonce_str)
// SAME_MEMBER(rjgo_params, repayjump_params, openid)
// SAME_MEMBER(rjgo_params, repayjump_params, sub_appid)
// SAME_MEMBER(rjgo_params, repayjump_params, sub_mchid)
// SAME_MEMBER(rjgo_params, repayjump_params, sub_openid)
// SAME_MEMBER(rjgo_params, repayjump_params, api_key)
// SAME_SIZE(rjgo_error, repayjump_error)
// SAME_MEMBER(rjgo_error, repayjump_error, status)
// SAME_MEMBER(rjgo_error, repayjump_error, field)
// SAME_MEMBER(rjgo_error, repayjump_error, offset)
// SAME_MEMBER(rjgo_error, repayjump_error, message)
// SAME_SIZE(rjgo_result, repayjump_result)
// SAME_MEMBER(rjgo_result, repayjump_result, nonce_str)
// SAME_MEMBER(rjgo_result, repayjump_result, sign)
// SAME_MEMBER(rjgo_result, repayjump_result, extra_data_json)
// SAME_MEMBER(rjgo_result, repayjump_result, navigate_json)
// SAME_MEMBER(rjgo_result, repayjump_result, app_path)
// SAME_MEMBER(rjgo_result, repayjump_result, app_launch_json)
// SAME_SIZE(rjgo_pair, repayjump_pair)
// SAME_MEMBER(rjgo_pair, repayjump_pair, key)
// SAME_MEMBER(rjgo_pair, repayjump_pair, key_len)
// SAME_MEMBER(rjgo_pair, repayjump_pair, value)
// SAME_MEMBER(rjgo_pair, repayjump_pair, value_len)
// SAME_MEMBER(rjgo_pair, repayjump_pair, type)
// SAME_MEMBER(rjgo_pair, repayjump_pair, key_offset)
// SAME_MEMBER(rjgo_pair, repayjump_pair, value_offset)
// SAME_SIZE(rjgo_check_options, repayjump_check_options)
// SAME_MEMBER(rjgo_check_options, repayjump_check_options, variant)
// SAME_MEMBER(rjgo_check_options, repayjump_check_options, flags)
// SAME_MEMBER(rjgo_check_options, repayjump_check_options, api_key)
// SAME_SIZE(rjgo_finding, repayjump_finding)
// SAME_MEMBER(rjgo_finding, repayjump_finding, code)
// SAME_MEMBER(rjgo_finding, repayjump_finding, severity)
// SAME_MEMBER(rjgo_finding, repayjump_finding, field)
// SAME_MEMBER(rjgo_finding, repayjump_finding, in_value)
// SAME_MEMBER(rjgo_finding, repayjump_finding, offset)
// SAME_MEMBER(rjgo_finding, repayjump_finding, length)
// SAME_MEMBER(rjgo_finding, repayjump_finding, pair)
// SAME_MEMBER(rjgo_finding, repayjump_finding, key)
// SAME_MEMBER(rjgo_finding, repayjump_finding, key_len)
// SAME_MEMBER(rjgo_finding, repayjump_finding, message)
// SAME_MEMBER(rjgo_finding, repayjump_finding, fix)
// SAME_SIZE(rjgo_check_result, repayjump_check_result)
// SAME_MEMBER(rjgo_check_result, repayjump_check_result, count)
// SAME_MEMBER(rjgo_check_result, repayjump_check_result, errors)
// SAME_MEMBER(rjgo_check_result, repayjump_check_result, warnings)
// SAME_MEMBER(rjgo_check_result, repayjump_check_result, notes)
// SAME_MEMBER(rjgo_check_result, repayjump_check_result, variant)
// SAME_MEMBER(rjgo_check_result, repayjump_check_result, kind)
// _Static_assert(RJGO_FIELD_COUNT == REPAYJUMP_FIELD_COUNT, "field count");
// _Static_assert(RJGO_E_ARG == REPAYJUMP_E_ARG, "E_ARG");
// _Static_assert(RJGO_FIELD_MAX == REPAYJUMP_FIELD_MAX, "field max");
// _Static_assert(RJGO_SIGN_LEN == REPAYJUMP_SIGN_LEN, "sign len");
// _Static_assert(RJGO_OUTPUT_MAX == REPAYJUMP_OUTPUT_MAX, "output max");
// _Static_assert(RJGO_MESSAGE_MAX == REPAYJUMP_MESSAGE_MAX, "message max");
// _Static_assert(RJGO_VARIANT_COUNT == REPAYJUMP_VARIANT_COUNT, "variants");
// _Static_assert(RJGO_FORMAT_COUNT == REPAYJUMP_FORMAT_COUNT, "formats");
// _Static_assert(RJGO_SEVERITY_COUNT == REPAYJUMP_SEVERITY_COUNT, "severities");
// _Static_assert(RJGO_KIND_COUNT == REPAYJUMP_KIND_COUNT, "kinds");
// _Static_assert(RJGO_VARIANT_AUTO == REPAYJUMP_VARIANT_AUTO, "auto");
// _Static_assert(RJGO_VALUE_STRING == REPAYJUMP_VALUE_STRING, "string");
// _Static_assert(RJGO_VALUE_NOT_STRING == REPAYJUMP_VALUE_NOT_STRING, "not string");
// _Static_assert(RJGO_NO_OFFSET == REPAYJUMP_NO_OFFSET, "no offset");
// SAME_SIZE(rjgo_status_query, repayjump_status_query)
// SAME_MEMBER(rjgo_status_query, repayjump_status_query, trade_scene)
// SAME_MEMBER(rjgo_status_query, repayjump_status_query, jump_scene)
// SAME_MEMBER(rjgo_status_query, repayjump_status_query, plate_number)
// SAME_SIZE(rjgo_status_result, repayjump_status_result)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, state)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, user_state)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, deduct_mode)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, openid)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, sub_openid)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, path)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, plate_number_info)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, plate_number)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, return_msg)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, err_code)
// SAME_MEMBER(rjgo_status_result, repayjump_status_result, err_code_des)
// _Static_assert(RJGO_FIELD_ALL_COUNT == REPAYJUMP_FIELD_ALL_COUNT, "field all count");
// _Static_assert(RJGO_STATUS_REQUEST_MAX == REPAYJUMP_STATUS_REQUEST_MAX, "status request max");
// _Static_assert(RJGO_ANSWER_MAX == REPAYJUMP_ANSWER_MAX, "answer max");
// _Static_assert(RJGO_STATE_COUNT == REPAYJUMP_STATE_COUNT, "states");
// _Static_assert(RJGO_STATUS_CODE_MAX == REPAYJUMP_STATUS_CODE_MAX, "code max");
// _Static_assert(RJGO_STATUS_ID_MAX == REPAYJUMP_STATUS_ID_MAX, "id max");
// _Static_assert(RJGO_STATUS_PATH_MAX == REPAYJUMP_STATUS_PATH_MAX, "path max");
// _Static_assert(RJGO_STATUS_INFO_MAX == REPAYJUMP_STATUS_INFO_MAX, "info max");
// _Static_assert(RJGO_STATUS_TEXT_MAX == REPAYJUMP_STATUS_TEXT_MAX, "text max");
// _Static_assert(RJGO_FIELD_TRADE_SCENE == REPAYJUMP_FIELD_TRADE_SCENE, "trade_scene");
// _Static_assert(RJGO_FIELD_JUMP_SCENE == REPAYJUMP_FIELD_JUMP_SCENE, "jump_scene");
// _Static_assert(RJGO_FIELD_PLATE_NUMBER == REPAYJUMP_FIELD_PLATE_NUMBER, "plate_number");
// _Static_assert(RJGO_E_RETURN_FAIL == REPAYJUMP_E_RETURN_FAIL, "E_RETURN_FAIL");
// _Static_assert(RJGO_E_RESULT_FAIL == REPAYJUMP_E_RESULT_FAIL, "E_RESULT_FAIL");
import "C"

// The Go constants against the header's: a constant that differs makes
// one of each pair negative, which cannot convert to uint.
const (
	_ = uint(OutputMax-C.REPAYJUMP_OUTPUT_MAX) + uint(C.REPAYJUMP_OUTPUT_MAX-OutputMax)
	_ = uint(FieldMax-C.REPAYJUMP_FIELD_MAX) + uint(C.REPAYJUMP_FIELD_MAX-FieldMax)
	_ = uint(V3Merchant-C.REPAYJUMP_V3_MERCHANT) + uint(C.REPAYJUMP_V3_MERCHANT-V3Merchant)
	_ = uint(V3Partner-C.REPAYJUMP_V3_PARTNER) + uint(C.REPAYJUMP_V3_PARTNER-V3Partner)
	_ = uint(V2Merchant-C.REPAYJUMP_V2_MERCHANT) + uint(C.REPAYJUMP_V2_MERCHANT-V2Merchant)
	_ = uint(V2Partner-C.REPAYJUMP_V2_PARTNER) + uint(C.REPAYJUMP_V2_PARTNER-V2Partner)
	_ = uint(ExtraDataJSON-C.REPAYJUMP_EXTRA_DATA_JSON) + uint(C.REPAYJUMP_EXTRA_DATA_JSON-ExtraDataJSON)
	_ = uint(NavigateJSON-C.REPAYJUMP_NAVIGATE_JSON) + uint(C.REPAYJUMP_NAVIGATE_JSON-NavigateJSON)
	_ = uint(AppPath-C.REPAYJUMP_APP_PATH) + uint(C.REPAYJUMP_APP_PATH-AppPath)
	_ = uint(AppLaunchJSON-C.REPAYJUMP_APP_LAUNCH_JSON) + uint(C.REPAYJUMP_APP_LAUNCH_JSON-AppLaunchJSON)
	_ = uint(AllowNoOpenID-C.REPAYJUMP_ALLOW_NO_OPENID) + uint(C.REPAYJUMP_ALLOW_NO_OPENID-AllowNoOpenID)
	_ = uint(Relaxed-C.REPAYJUMP_RELAXED) + uint(C.REPAYJUMP_RELAXED-Relaxed)
	_ = uint(StatusArg-C.REPAYJUMP_E_ARG) + uint(C.REPAYJUMP_E_ARG-StatusArg)
	_ = uint(StatusBuffer-C.REPAYJUMP_E_BUFFER) + uint(C.REPAYJUMP_E_BUFFER-StatusBuffer)
	_ = uint(StatusRNG-C.REPAYJUMP_E_RNG) + uint(C.REPAYJUMP_E_RNG-StatusRNG)
	_ = uint(StatusMissing-C.REPAYJUMP_E_MISSING) + uint(C.REPAYJUMP_E_MISSING-StatusMissing)
	_ = uint(StatusTooLong-C.REPAYJUMP_E_TOO_LONG) + uint(C.REPAYJUMP_E_TOO_LONG-StatusTooLong)
	_ = uint(StatusCharset-C.REPAYJUMP_E_CHARSET) + uint(C.REPAYJUMP_E_CHARSET-StatusCharset)
	_ = uint(StatusFormat-C.REPAYJUMP_E_FORMAT) + uint(C.REPAYJUMP_E_FORMAT-StatusFormat)
	_ = uint(StatusNotAllowed-C.REPAYJUMP_E_NOT_ALLOWED) + uint(C.REPAYJUMP_E_NOT_ALLOWED-StatusNotAllowed)
	_ = uint(StatusConflict-C.REPAYJUMP_E_CONFLICT) + uint(C.REPAYJUMP_E_CONFLICT-StatusConflict)
	_ = uint(FieldAPIKey-C.REPAYJUMP_FIELD_API_KEY) + uint(C.REPAYJUMP_FIELD_API_KEY-FieldAPIKey)
	_ = uint(fieldCount-C.REPAYJUMP_FIELD_COUNT) + uint(C.REPAYJUMP_FIELD_COUNT-fieldCount)
	_ = uint(SeverityError-C.REPAYJUMP_SEVERITY_ERROR) + uint(C.REPAYJUMP_SEVERITY_ERROR-SeverityError)
	_ = uint(SeverityWarning-C.REPAYJUMP_SEVERITY_WARNING) + uint(C.REPAYJUMP_SEVERITY_WARNING-SeverityWarning)
	_ = uint(SeverityNote-C.REPAYJUMP_SEVERITY_NOTE) + uint(C.REPAYJUMP_SEVERITY_NOTE-SeverityNote)
	_ = uint(KindNone-C.REPAYJUMP_KIND_NONE) + uint(C.REPAYJUMP_KIND_NONE-KindNone)
	_ = uint(KindAppPath-C.REPAYJUMP_KIND_APP_PATH) + uint(C.REPAYJUMP_KIND_APP_PATH-KindAppPath)
	_ = uint(KindQuery-C.REPAYJUMP_KIND_QUERY) + uint(C.REPAYJUMP_KIND_QUERY-KindQuery)
	_ = uint(KindExtraData-C.REPAYJUMP_KIND_EXTRA_DATA) + uint(C.REPAYJUMP_KIND_EXTRA_DATA-KindExtraData)
	_ = uint(KindNavigate-C.REPAYJUMP_KIND_NAVIGATE) + uint(C.REPAYJUMP_KIND_NAVIGATE-KindNavigate)
	_ = uint(KindAppLaunch-C.REPAYJUMP_KIND_APP_LAUNCH) + uint(C.REPAYJUMP_KIND_APP_LAUNCH-KindAppLaunch)
	_ = uint(KindJSObject-C.REPAYJUMP_KIND_JS_OBJECT) + uint(C.REPAYJUMP_KIND_JS_OBJECT-KindJSObject)
	_ = uint(KindWXML-C.REPAYJUMP_KIND_WXML) + uint(C.REPAYJUMP_KIND_WXML-KindWXML)
	_ = uint(KindAppSource-C.REPAYJUMP_KIND_APP_SOURCE) + uint(C.REPAYJUMP_KIND_APP_SOURCE-KindAppSource)
	_ = uint(KindManifest-C.REPAYJUMP_KIND_MANIFEST) + uint(C.REPAYJUMP_KIND_MANIFEST-KindManifest)
	_ = uint(KindPlist-C.REPAYJUMP_KIND_PLIST) + uint(C.REPAYJUMP_KIND_PLIST-KindPlist)
	_ = uint(StatusTooLarge-C.REPAYJUMP_E_TOO_LARGE) + uint(C.REPAYJUMP_E_TOO_LARGE-StatusTooLarge)
	_ = uint(StatusXML-C.REPAYJUMP_E_XML) + uint(C.REPAYJUMP_E_XML-StatusXML)
	_ = uint(StatusDuplicate-C.REPAYJUMP_E_DUPLICATE) + uint(C.REPAYJUMP_E_DUPLICATE-StatusDuplicate)
	_ = uint(StatusReturnFail-C.REPAYJUMP_E_RETURN_FAIL) + uint(C.REPAYJUMP_E_RETURN_FAIL-StatusReturnFail)
	_ = uint(StatusSignature-C.REPAYJUMP_E_SIGNATURE) + uint(C.REPAYJUMP_E_SIGNATURE-StatusSignature)
	_ = uint(StatusEcho-C.REPAYJUMP_E_ECHO) + uint(C.REPAYJUMP_E_ECHO-StatusEcho)
	_ = uint(StatusResultFail-C.REPAYJUMP_E_RESULT_FAIL) + uint(C.REPAYJUMP_E_RESULT_FAIL-StatusResultFail)
	_ = uint(StatusNoState-C.REPAYJUMP_E_NO_STATE) + uint(C.REPAYJUMP_E_NO_STATE-StatusNoState)
	_ = uint(FieldTradeScene-C.REPAYJUMP_FIELD_TRADE_SCENE) + uint(C.REPAYJUMP_FIELD_TRADE_SCENE-FieldTradeScene)
	_ = uint(FieldJumpScene-C.REPAYJUMP_FIELD_JUMP_SCENE) + uint(C.REPAYJUMP_FIELD_JUMP_SCENE-FieldJumpScene)
	_ = uint(FieldPlateNumber-C.REPAYJUMP_FIELD_PLATE_NUMBER) + uint(C.REPAYJUMP_FIELD_PLATE_NUMBER-FieldPlateNumber)
	_ = uint(fieldAllCount-C.REPAYJUMP_FIELD_ALL_COUNT) + uint(C.REPAYJUMP_FIELD_ALL_COUNT-fieldAllCount)
	_ = uint(FieldSignType-C.REPAYJUMP_CHECK_FIELD_SIGN_TYPE) + uint(C.REPAYJUMP_CHECK_FIELD_SIGN_TYPE-FieldSignType)
	_ = uint(FieldSign-C.REPAYJUMP_CHECK_FIELD_SIGN) + uint(C.REPAYJUMP_CHECK_FIELD_SIGN-FieldSign)
	_ = uint(StateUnknown-C.REPAYJUMP_STATE_UNKNOWN) + uint(C.REPAYJUMP_STATE_UNKNOWN-StateUnknown)
	_ = uint(StateNormal-C.REPAYJUMP_STATE_NORMAL) + uint(C.REPAYJUMP_STATE_NORMAL-StateNormal)
	_ = uint(StatePaused-C.REPAYJUMP_STATE_PAUSED) + uint(C.REPAYJUMP_STATE_PAUSED-StatePaused)
	_ = uint(StateOverdue-C.REPAYJUMP_STATE_OVERDUE) + uint(C.REPAYJUMP_STATE_OVERDUE-StateOverdue)
	_ = uint(StateUnauthorized-C.REPAYJUMP_STATE_UNAUTHORIZED) + uint(C.REPAYJUMP_STATE_UNAUTHORIZED-StateUnauthorized)
	_ = uint(StatusRequestMax-C.REPAYJUMP_STATUS_REQUEST_MAX) + uint(C.REPAYJUMP_STATUS_REQUEST_MAX-StatusRequestMax)
	_ = uint(AnswerMax-C.REPAYJUMP_ANSWER_MAX) + uint(C.REPAYJUMP_ANSWER_MAX-AnswerMax)
	// VariantNone is the result's "-1 when none", which the header spells
	// as REPAYJUMP_VARIANT_AUTO in the options.
	_ = uint(VariantNone-C.REPAYJUMP_VARIANT_AUTO) + uint(C.REPAYJUMP_VARIANT_AUTO-VariantNone)
)
