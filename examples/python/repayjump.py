"""Python binding of repayjump, through ctypes (standard library only).

Composes the parameters a WeChat Pay merchant passes to WeChat's repayment
mini program, validated field by field by the C library librepayjump:

    import repayjump
    r = repayjump.compose(appid="wxcbda96de0b165486", mchid="1900009231",
                          openid="oUpF8uMEb4qRXf22hE3X68TekukE")
    r.app_path   # 'pages/invest_list/invest_list?appid=...&nonce_str=...'

diagnoses the parameters some other code already produced, listing
every problem with its place and a fix:

    for f in repayjump.check(app_path).findings:
        print(f.offset, f.code, f.message, f.fix)

and, when the user comes back, asks WeChat Pay for the user's state: the
signed body to POST, and WeChat Pay's answer read only once it is trusted:

    body = repayjump.status_request(appid=..., mchid=..., openid=...,
                                    api_key=key, trade_scene="PARKING")
    # POST body to repayjump.status_url(variant), then:
    repayjump.status_parse(answer, appid=..., mchid=..., api_key=key).state

The shared library is found through the environment variable
REPAYJUMP_LIBRARY (a path to librepayjump.so.1), else the system loader.
It is loaded on first use. Every function is safe from many threads at once.
This one file is the whole binding: pip install examples/python, or copy it
next to your code.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import enum
import json
import operator
import os
import threading
from collections.abc import Mapping
from typing import Any, Iterable, NamedTuple, Optional, Tuple, Union

__all__ = [
    "Variant", "Format", "Flag", "Status", "Field", "UserState", "Result",
    "Finding", "CheckResult", "StatusResult", "RepayjumpError",
    "LibraryNotFoundError",
    "compose", "render", "validate", "sign", "nonce", "check",
    "check_codes", "strerror",
    "status_request", "status_url", "status_parse",
    "version", "version_number",
    "TARGET_APPID", "TARGET_USERNAME", "TARGET_PATH",
    "OUTPUT_MAX", "FIELD_MAX", "STATUS_REQUEST_MAX", "ANSWER_MAX",
]

LIBRARY_ENV = "REPAYJUMP_LIBRARY"
SONAME = "librepayjump.so.1"


class Variant(enum.IntEnum):
    """The four published versions of the jump (repayjump_variant)."""
    V3_MERCHANT = 0
    V3_PARTNER = 1
    V2_MERCHANT = 2
    V2_PARTNER = 3


class Format(enum.IntEnum):
    """The outputs (repayjump_format)."""
    EXTRA_DATA_JSON = 0
    NAVIGATE_JSON = 1
    APP_PATH = 2
    APP_LAUNCH_JSON = 3


class Flag(enum.IntFlag):
    """Bits of the flags argument."""
    NONE = 0
    ALLOW_NO_OPENID = 1
    RELAXED = 2


class Status(enum.IntEnum):
    """Statuses (repayjump_status): stable, never renumbered."""
    OK = 0
    E_ARG = -1
    E_BUFFER = -2
    E_RNG = -3
    E_MISSING = -4
    E_TOO_LONG = -5
    E_CHARSET = -6
    E_FORMAT = -7
    E_NOT_ALLOWED = -8
    E_CONFLICT = -9
    # An answer of WeChat Pay that is not trusted (status_parse), in the
    # order the checks run:
    E_TOO_LARGE = -10
    E_XML = -11
    E_DUPLICATE = -12
    E_RETURN_FAIL = -13
    E_SIGNATURE = -14
    E_ECHO = -15
    E_RESULT_FAIL = -16
    E_NO_STATE = -17


class Field(enum.IntEnum):
    """Fields, as named by RepayjumpError.field (repayjump_field)."""
    NONE = 0
    APPID = 1
    MCHID = 2
    NONCE_STR = 3
    OPENID = 4
    SUB_APPID = 5
    SUB_MCHID = 6
    SUB_OPENID = 7
    API_KEY = 8
    # The status query's own (status_request):
    TRADE_SCENE = 9
    JUMP_SCENE = 10
    PLATE_NUMBER = 11
    # A check finding's only (Finding.field): keys of the jump that are not
    # fields of its params (REPAYJUMP_CHECK_FIELD_SIGN_TYPE, _SIGN).
    SIGN_TYPE = 64
    SIGN = 65


class UserState(enum.IntEnum):
    """The user's state in a trusted answer (repayjump_user_state). UNKNOWN
    is a state this library does not list, kept verbatim in
    StatusResult.user_state."""
    UNKNOWN = 0
    NORMAL = 1        # nothing owed
    PAUSED = 2
    OVERDUE = 3       # owes what WeChat advanced: offer the repayment jump
    UNAUTHORIZED = 4


class Result(NamedTuple):
    """Every output of one compose. sign is None outside the v2 variants."""
    nonce_str: str
    sign: Optional[str]
    extra_data_json: str
    navigate_json: str
    app_path: str
    app_launch_json: str


class Finding(NamedTuple):
    """One problem check found.

    code is the stable name of what is wrong ("value.space"), severity
    "error", "warning" or "note", both as the library names them. field is a
    Field member (Field.NONE when none; Field.SIGN_TYPE and Field.SIGN for
    those keys; a plain int for a field a newer library may add), its
    field_name the library's name ("nonce_str", "sign"; "none" when none).
    key is the key as written in the input, a member of a mapping's
    extraData as "extraData.<key>" (None when none).
    offset and length count bytes of the UTF-8 input; when in_value is
    True, offset counts bytes of the value of key, whose place in the input
    is unknown (a mapping's values). message and fix are one English line
    each, and never hold the api_key.
    """
    code: str
    severity: str
    field: Field
    key: Optional[str]
    offset: int
    length: int
    in_value: bool
    message: str
    fix: str

    @property
    def field_name(self) -> str:
        """"nonce_str", "sign_type", "sign", ... as
        repayjump_check_field_name gives it; else as repayjump_field_name
        does ("none" for none)."""
        return (_lib or _library()).finding_field_name(self.field)


class CheckResult(NamedTuple):
    """What check found. kind is how the input was read ("app_path",
    "query"; for a mapping "navigate" or "app_launch", else None, as for an
    unrecognised input), variant the Variant checked against (None when
    none could be). errors, warnings and notes count the findings, all of
    which are in findings, in input order."""
    kind: Optional[str]
    variant: Optional[Variant]
    errors: int
    warnings: int
    notes: int
    findings: Tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """No errors: WeChat would accept the jump (warnings and notes
        allowed)."""
        return self.errors == 0


class StatusResult(NamedTuple):
    """A trusted answer of WeChat Pay's user state query (status_parse).

    state is a UserState member (a plain int for a value a newer library
    may add); user_state is WeChat's text verbatim, which keeps a state
    this library does not list. The others are WeChat's values, verbatim
    (UTF-8 decoded), "" when the answer has none: deduct_mode ("PROACTIVE",
    "AUTOPAY"), openid, sub_openid, path, plate_number_info (a JSON text)
    and plate_number.
    """
    state: UserState
    user_state: str
    deduct_mode: str
    openid: str
    sub_openid: str
    path: str
    plate_number_info: str
    plate_number: str

    @property
    def repay(self) -> bool:
        """True exactly for OVERDUE: the user owes what WeChat advanced, so
        offer the repayment jump."""
        return self.state == UserState.OVERDUE


class RepayjumpError(Exception):
    """Invalid input, a failure of the library, or an answer of WeChat Pay
    that is not trusted.

    status and field are Status and Field members (plain ints for values a
    newer library may add); offset is the byte offset of the first offending
    byte in the field's UTF-8 value (for an answer, in the answer); message
    is the library's one line. No message ever holds the api_key.

    For Status.E_RETURN_FAIL and E_RESULT_FAIL, return_msg, err_code and
    err_code_des are WeChat's own words, verbatim ("" where the answer has
    none; E_RETURN_FAIL answers carry only return_msg); for every other
    status they are None.
    """

    def __init__(self, status: int, field: int, offset: int, message: str,
                 return_msg: Optional[str] = None,
                 err_code: Optional[str] = None,
                 err_code_des: Optional[str] = None):
        super().__init__(message)
        self.status = _member(Status, status)
        self.field = _member(Field, field)
        self.offset = offset
        self.message = message
        self.return_msg = return_msg
        self.err_code = err_code
        self.err_code_des = err_code_des

    @property
    def status_name(self) -> str:
        """"REPAYJUMP_E_MISSING", ... as in repayjump.h."""
        if isinstance(self.status, Status):
            return "REPAYJUMP_" + self.status.name
        return "unknown status"

    @property
    def field_name(self) -> str:
        """"appid", ... as repayjump_field_name gives it; "none" for none."""
        if isinstance(self.field, Field):
            return self.field.name.lower()
        return "none"

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        wechat = "".join(
            f", {name}={getattr(self, name)!r}"
            for name in ("return_msg", "err_code", "err_code_des")
            if getattr(self, name) is not None)
        return (f"RepayjumpError(status={self.status_name}, "
                f"field={self.field_name}, offset={self.offset}, "
                f"message={self.message!r}{wechat})")

    def __reduce__(self):
        return (type(self), (int(self.status), int(self.field), self.offset,
                             self.message, self.return_msg, self.err_code,
                             self.err_code_des))


class LibraryNotFoundError(OSError):
    """librepayjump.so.1 could not be loaded."""


def _member(enum_type, value):
    try:
        return enum_type(value)
    except ValueError:
        return value


_Text = Union[str, bytes, bytearray, None]

_INT_BITS = ctypes.sizeof(ctypes.c_int) * 8
_UINT_MAX = (1 << (ctypes.sizeof(ctypes.c_uint) * 8)) - 1
# Stands in for a NUL byte, which C would read as the end of the value: it
# is outside every field's alphabet, so the library reports it exactly where
# the NUL is (the message is then corrected to say 0x00).
_NUL_STAND_IN = b"\x01"

_PARAM_FIELDS = ("appid", "mchid", "nonce_str", "openid", "sub_appid",
                 "sub_mchid", "sub_openid")
_QUERY_FIELDS = ("trade_scene", "jump_scene", "plate_number")

# repayjump_status_result after its int state, in the header's order: the
# sizes of REPAYJUMP_STATUS_CODE_MAX (64), _ID_MAX (129), _PATH_MAX (1024),
# _INFO_MAX (4096) and _TEXT_MAX (512), which no function gives one by one;
# the whole is checked against repayjump_status_result_size() at load.
_STATUS_MEMBERS = (("user_state", 64), ("deduct_mode", 64), ("openid", 129),
                   ("sub_openid", 129), ("path", 1024),
                   ("plate_number_info", 4096), ("plate_number", 64),
                   ("return_msg", 512), ("err_code", 64),
                   ("err_code_des", 512))
# The symbols of 0.3.0, named when an older library is loaded.
_STATUS_SYMBOLS = ("repayjump_status_request", "repayjump_status_url",
                   "repayjump_status_parse", "repayjump_user_state_name",
                   "repayjump_status_request_max", "repayjump_answer_max",
                   "repayjump_status_result_size")


class _Library:
    """The loaded library: its functions, typed, and its struct layouts."""

    def __init__(self, dll: ctypes.CDLL):
        c_int, c_uint, c_size_t = ctypes.c_int, ctypes.c_uint, ctypes.c_size_t
        c_char_p, c_void_p, POINTER = ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER

        def fn(name, restype, *argtypes):
            f = getattr(dll, name)
            f.restype, f.argtypes = restype, list(argtypes)
            return f

        self.output_max = fn("repayjump_output_max", c_size_t)()
        self.field_max = fn("repayjump_field_max", c_size_t)()
        self.sign_len = fn("repayjump_sign_len", c_size_t)()
        message_max = fn("repayjump_message_max", c_size_t)()
        message = ctypes.c_char * message_max

        # Field order is ABI: exactly as in include/repayjump.h.
        class Params(ctypes.Structure):
            _fields_ = [("variant", c_int), ("flags", c_uint)] + [
                (name, c_char_p) for name in _PARAM_FIELDS] + [
                ("api_key", c_void_p)]  # our own wipeable copy, by address

        class Error(ctypes.Structure):
            _fields_ = [("status", c_int), ("field", c_int),
                        ("offset", c_size_t),
                        ("message", message)]

        out = ctypes.c_char * self.output_max

        class CResult(ctypes.Structure):
            _fields_ = [("nonce_str", ctypes.c_char * (self.field_max + 1)),
                        ("sign", ctypes.c_char * (self.sign_len + 1)),
                        ("extra_data_json", out), ("navigate_json", out),
                        ("app_path", out), ("app_launch_json", out)]

        self.Params, self.Error, self.CResult = Params, Error, CResult
        params, error = POINTER(Params), POINTER(Error)
        self.init = fn("repayjump_init", c_int)
        self.validate = fn("repayjump_validate", c_int, params, error)
        self.render = fn("repayjump_render", c_int, params, c_int, c_char_p,
                         c_size_t, POINTER(c_size_t), error)
        self.compose = fn("repayjump_compose", c_int, params,
                          POINTER(CResult), error)
        self.sign = fn("repayjump_sign", c_int, params, c_char_p, c_size_t,
                       error)
        self.nonce = fn("repayjump_nonce", c_int, c_char_p, c_size_t, c_size_t)
        self.strerror = fn("repayjump_strerror", c_char_p, c_int)
        self.field_name = fn("repayjump_field_name", c_char_p, c_int)
        self.version = fn("repayjump_version", c_char_p)().decode()
        self.version_number = fn("repayjump_version_number", c_int)()
        self.target_appid = fn("repayjump_target_appid", c_char_p)().decode()
        self.target_username = fn("repayjump_target_username", c_char_p)().decode()
        self.target_path = fn("repayjump_target_path", c_char_p)().decode()

        class CheckOptions(ctypes.Structure):
            _fields_ = [("variant", c_int), ("flags", c_uint),
                        ("api_key", c_void_p)]  # a wipeable copy, as above

        class Pair(ctypes.Structure):
            _fields_ = [("key", c_char_p), ("key_len", c_size_t),
                        ("value", c_char_p), ("value_len", c_size_t),
                        ("type", c_int), ("key_offset", c_size_t),
                        ("value_offset", c_size_t)]

        class CFinding(ctypes.Structure):
            _fields_ = [("code", c_int), ("severity", c_int),
                        ("field", c_int), ("in_value", c_int),
                        ("offset", c_size_t), ("length", c_size_t),
                        ("pair", c_size_t),
                        ("key", c_void_p),  # read as key_len bytes
                        ("key_len", c_size_t),
                        ("message", message), ("fix", message)]

        class CCheckResult(ctypes.Structure):
            _fields_ = [("count", c_size_t), ("errors", c_size_t),
                        ("warnings", c_size_t), ("notes", c_size_t),
                        ("variant", c_int), ("kind", c_int)]

        self.CheckOptions, self.Pair = CheckOptions, Pair
        self.CFinding, self.CCheckResult = CFinding, CCheckResult
        options = POINTER(CheckOptions)
        finding, check_result = POINTER(CFinding), POINTER(CCheckResult)
        self.check_text = fn("repayjump_check_text", c_int, options,
                             c_char_p, c_size_t, finding, c_size_t,
                             check_result)
        self.check_pairs = fn("repayjump_check_pairs", c_int, options,
                              POINTER(Pair), c_size_t, finding, c_size_t,
                              check_result)
        # The names, asked once: no copy of the library's tables here.
        code_name = fn("repayjump_check_code_name", c_char_p, c_int)
        severity_name = fn("repayjump_severity_name", c_char_p, c_int)
        kind_name = fn("repayjump_input_kind_name", c_char_p, c_int)
        code_severity = fn("repayjump_check_code_severity", c_int, c_int)
        codes = range(fn("repayjump_check_code_count", c_int)())
        self.code_names = [code_name(c).decode() for c in codes]
        self.code_severities = [code_severity(c) for c in codes]
        self.severity_names = {s: severity_name(s).decode()
                               for s in set(self.code_severities)}
        self.code_name = lambda c: code_name(c).decode()
        self.severity_name = lambda s: severity_name(s).decode()
        kinds = {}  # filled on first use: no function gives their count
        self.kind_name = lambda k: (kinds.get(k) or kinds.setdefault(
            k, kind_name(k).decode()))
        # A finding's field: the sign's two too (NULL for none).
        self.check_field_name = fn("repayjump_check_field_name", c_char_p,
                                   c_int)
        fields = {}
        self.finding_field_name = lambda f: (fields.get(f) or fields.setdefault(
            f, (self.check_field_name(f) or self.field_name(f)).decode()))

        # The status query (0.3.0).
        missing = [name for name in _STATUS_SYMBOLS
                   if not hasattr(dll, name)]
        if missing:
            raise LibraryNotFoundError(
                f"the repayjump library loaded ({self.version}) has no "
                f"{missing[0]}: this binding needs 0.3.0 or later")

        class Query(ctypes.Structure):
            _fields_ = [(name, c_char_p) for name in _QUERY_FIELDS]

        class CStatusResult(ctypes.Structure):
            _fields_ = [("state", c_int)] + [
                (name, ctypes.c_char * size) for name, size in _STATUS_MEMBERS]

        size = fn("repayjump_status_result_size", c_size_t)()
        if ctypes.sizeof(CStatusResult) != size:
            raise LibraryNotFoundError(
                f"the repayjump library loaded ({self.version}) lays out "
                f"repayjump_status_result in {size} bytes, this binding in "
                f"{ctypes.sizeof(CStatusResult)}: use the binding of the "
                f"same version")
        self.Query, self.CStatusResult = Query, CStatusResult
        self.status_result_size = size
        self.status_request_max = fn("repayjump_status_request_max",
                                     c_size_t)()
        self.answer_max = fn("repayjump_answer_max", c_size_t)()
        self.status_request = fn("repayjump_status_request", c_int, params,
                                 POINTER(Query), c_char_p, c_size_t,
                                 POINTER(c_size_t), error)
        self.status_url = fn("repayjump_status_url", c_char_p, c_int, c_int)
        self.status_parse = fn("repayjump_status_parse", c_int, params,
                               c_char_p, c_size_t, POINTER(CStatusResult),
                               error)
        self.user_state_name = fn("repayjump_user_state_name", c_char_p,
                                  c_int)


_lock = threading.Lock()
_lib: Optional[_Library] = None


def _open() -> ctypes.CDLL:
    path = os.environ.get(LIBRARY_ENV)
    if path:
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            raise LibraryNotFoundError(
                f"cannot load the repayjump library from {LIBRARY_ENV}="
                f"{path!r} ({e}); set {LIBRARY_ENV} to the path of "
                f"{SONAME}, or unset it to use the installed one") from None
    for name in (SONAME, ctypes.util.find_library("repayjump")):
        if name:
            try:
                return ctypes.CDLL(name)
            except OSError:
                pass
    raise LibraryNotFoundError(
        f"{SONAME} not found: install repayjump (cmake --install build, then "
        f"ldconfig) or set {LIBRARY_ENV} to the path of {SONAME}")


def _library() -> _Library:
    """Load the library and run repayjump_init() once, thread-safely."""
    global _lib
    with _lock:
        if _lib is None:
            lib = _Library(_open())
            status = lib.init()
            if status:
                raise RepayjumpError(status, Field.NONE, 0,
                                     "libsodium could not be initialised")
            _lib = lib
        return _lib


def _text(name: str, value: _Text) -> Optional[bytes]:
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise TypeError(f"{name}: expected str or bytes, got {type(value).__name__}")


_INT_MIN, _INT_MAX = -(1 << (_INT_BITS - 1)), (1 << (_INT_BITS - 1)) - 1


def _c_int(name: str, value, lo: int = _INT_MIN, hi: int = _INT_MAX) -> int:
    """value as a C int (or unsigned): never silently truncated."""
    number = operator.index(value)
    if not lo <= number <= hi:
        raise RepayjumpError(Status.E_ARG, Field.NONE, 0,
                             f"{name}: {number} is out of range")
    return number


class _Call:
    """One call's params: the struct, the NULs stood in for, the key copy."""

    __slots__ = ("lib", "params", "key", "nuls", "query")

    def __init__(self, variant, flags, appid, mchid, nonce_str, openid,
                 sub_appid, sub_mchid, sub_openid, api_key, query=None):
        self.lib = lib = _lib or _library()
        self.nuls = None
        values = []
        for field, value in enumerate((appid, mchid, nonce_str, openid,
                                       sub_appid, sub_mchid, sub_openid), 1):
            if type(value) is str:  # the common case first, inline
                value = value.encode("utf-8")
            elif value is not None:
                value = _text(_PARAM_FIELDS[field - 1], value)
            if value and b"\0" in value:
                self._stand_in(field, value)
                value = value.replace(b"\0", _NUL_STAND_IN)
            values.append(value)
        # The status query's fields (Field.TRADE_SCENE...), NULs as above.
        self.query = None if query is None else lib.Query(*(
            self._value(field, value)
            for field, value in enumerate(query, Field.TRADE_SCENE)))
        # Everything that can raise comes before the key is copied: the
        # copy is wiped only by a call that gets as far as the library.
        variant = _c_int("variant", variant)
        flags = _c_int("flags", flags, 0, _UINT_MAX)
        self.key = None if api_key is None else self._key_copy(api_key)
        self.params = lib.Params(
            variant, flags, *values,
            ctypes.addressof(self.key) if self.key else None)

    def _value(self, field: int, value) -> Optional[bytes]:
        if value is not None:
            value = _text(Field(field).name.lower(), value)
        if value and b"\0" in value:
            self._stand_in(field, value)
            value = value.replace(b"\0", _NUL_STAND_IN)
        return value

    def _stand_in(self, field: int, value) -> None:
        if self.nuls is None:
            self.nuls = {}
        self.nuls[field] = {i for i, b in enumerate(value) if b == 0}

    def _key_copy(self, api_key) -> Optional[ctypes.Array]:
        """The key in a buffer of our own, wiped by wipe(). From bytes or a
        bytearray no other copy is made (Python could not wipe it); a str is
        first encoded to bytes."""
        if isinstance(api_key, str):
            api_key = api_key.encode("utf-8")
        if not isinstance(api_key, (bytes, bytearray)):
            raise TypeError(
                f"api_key: expected bytes or str, got {type(api_key).__name__}")
        n = len(api_key)
        if n == 0:
            return None
        key = ctypes.create_string_buffer(n + 1)
        source = (api_key if isinstance(api_key, bytes)
                  else (ctypes.c_char * n).from_buffer(api_key))
        ctypes.memmove(key, source, n)
        if b"\0" in api_key:
            self._stand_in(Field.API_KEY, api_key)
            for i in self.nuls[Field.API_KEY]:
                key[i] = _NUL_STAND_IN
        return key

    def wipe(self) -> None:
        if self.key is not None:
            ctypes.memset(self.key, 0, len(self.key))
            self.key = None

    def error(self, err) -> RepayjumpError:
        # UTF-8: a message about an answer may name one of its elements.
        message = err.message.decode("utf-8", "replace")
        field, offset = err.field, err.offset
        if (self.nuls and err.status == Status.E_CHARSET
                and offset in self.nuls.get(field, ())):
            message = message.replace(f"byte {offset} is 0x01",
                                      f"byte {offset} is 0x00", 1)
        return RepayjumpError(err.status, field, offset, message)


def compose(*, variant: int = Variant.V3_MERCHANT, appid: _Text = None,
            mchid: _Text = None, openid: _Text = None,
            nonce_str: _Text = None, sub_appid: _Text = None,
            sub_mchid: _Text = None, sub_openid: _Text = None,
            api_key: Union[bytes, bytearray, str, None] = None,
            flags: int = Flag.NONE) -> Result:
    """Validate, make a nonce_str if none is given, sign (v2) and return
    every output. None and "" both mean absent. Raises RepayjumpError."""
    call = _Call(variant, flags, appid, mchid, nonce_str, openid, sub_appid,
                 sub_mchid, sub_openid, api_key)
    lib = call.lib
    out, err = lib.CResult(), lib.Error()
    try:
        status = lib.compose(call.params, out, err)
    finally:
        call.wipe()
    if status:
        raise call.error(err)
    return Result(out.nonce_str.decode(), out.sign.decode() or None,
                  out.extra_data_json.decode(), out.navigate_json.decode(),
                  out.app_path.decode(), out.app_launch_json.decode())


def _fields_call(variant=Variant.V3_MERCHANT, flags=Flag.NONE, appid=None,
                 mchid=None, nonce_str=None, openid=None, sub_appid=None,
                 sub_mchid=None, sub_openid=None, api_key=None) -> _Call:
    return _Call(variant, flags, appid, mchid, nonce_str, openid, sub_appid,
                 sub_mchid, sub_openid, api_key)


def render(format: int, **fields) -> str:
    """One output, deterministically: nonce_str is required. Takes the
    keywords of compose. Raises RepayjumpError."""
    call = _fields_call(**fields)
    lib = call.lib
    fmt = _c_int("format", format)
    out, err = ctypes.create_string_buffer(lib.output_max), lib.Error()
    try:
        status = lib.render(call.params, fmt, out, len(out), None, err)
    finally:
        call.wipe()
    if status:
        raise call.error(err)
    return out.value.decode()


def validate(**fields) -> None:
    """Only check; nonce_str may be absent. Takes the keywords of compose.
    Raises RepayjumpError."""
    call = _fields_call(**fields)
    err = call.lib.Error()
    try:
        status = call.lib.validate(call.params, err)
    finally:
        call.wipe()
    if status:
        raise call.error(err)


def sign(**fields) -> str:
    """The APIv2 signature alone (64 uppercase hex digits); v2 variants,
    nonce_str required. Takes the keywords of compose."""
    call = _fields_call(**fields)
    out, err = ctypes.create_string_buffer(call.lib.sign_len + 1), call.lib.Error()
    try:
        status = call.lib.sign(call.params, out, len(out), err)
    finally:
        call.wipe()
    if status:
        raise call.error(err)
    return out.value.decode()


def nonce(length: int = 32) -> str:
    """length (1 to 32) characters of [A-Za-z0-9], each exactly uniform,
    from libsodium's CSPRNG."""
    lib = _lib or _library()
    n = operator.index(length)
    if not 1 <= n <= lib.field_max:
        raise RepayjumpError(Status.E_ARG, Field.NONE, 0,
                             f"length: {n} is not 1 to {lib.field_max}")
    out = ctypes.create_string_buffer(n + 1)
    status = lib.nonce(out, n + 1, n)
    if status:
        raise RepayjumpError(status, Field.NONE, 0,
                             f"nonce: {strerror(status)}")
    return out.value.decode()


# Findings storage of the first call; a check that found more is run again
# with room for all of them (the library returns the total).
_FINDINGS_CAP = 32
_NO_OFFSET = ctypes.c_size_t(-1).value
_VALUE_STRING, _VALUE_NOT_STRING = 0, 1  # repayjump_value_type
_EXTRA_DATA = "extraData"  # a navigate argument's: its members are checked

_Checkable = Union[str, bytes, bytearray, Mapping,
                   Iterable[Tuple[Union[str, bytes], Any]]]


def _pair(lib, key, value):
    """A repayjump_pair: a str or bytes value is checked as text; any other
    value is sent as its JSON text, for the fix to quote."""
    if not isinstance(key, (str, bytes, bytearray)):
        raise TypeError(f"key {key!r}: expected str or bytes, "
                        f"got {type(key).__name__}")
    if isinstance(value, (str, bytes, bytearray)):
        kind = _VALUE_STRING
    else:
        kind = _VALUE_NOT_STRING
        value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    key, value = _text("key", key), _text("value", value)
    return lib.Pair(key, len(key), value, len(value), kind, _NO_OFFSET,
                    _NO_OFFSET)


def _members(value):
    """extraData's members as (key, value) pairs in their order: a mapping's,
    or those of a str or bytes holding a JSON object (encoded twice, which
    the library reports; a repeated member is kept); None for any other
    value."""
    if isinstance(value, Mapping):
        return list(value.items())
    if not isinstance(value, (str, bytes, bytearray)):
        return None
    objects = []  # each object's members; the outermost ends last

    def hook(members):
        objects.append(members)
        return dict(members)
    try:  # bytes are UTF-8, as the library reads them
        text = value if isinstance(value, str) else bytes(value).decode()
        decoded = json.loads(text, object_pairs_hook=hook)
    except (ValueError, RecursionError):  # not UTF-8, or not JSON
        return None
    return objects[-1] if isinstance(decoded, dict) else None


def _pairs(lib, items):
    """The repayjump_pairs of a mapping's items or of (key, value) pairs:
    extraData's own pair, then each of its members as extraData.<key>."""
    pairs = []
    for key, value in items:
        pairs.append(_pair(lib, key, value))
        if key not in (_EXTRA_DATA, _EXTRA_DATA.encode()):
            continue
        for name, member in _members(value) or ():
            if isinstance(name, str):
                name = _EXTRA_DATA + "." + name
            elif isinstance(name, (bytes, bytearray)):
                name = _EXTRA_DATA.encode() + b"." + name
            else:
                raise TypeError(f"key {name!r} of extraData: expected str "
                                f"or bytes, got {type(name).__name__}")
            pairs.append(_pair(lib, name, member))
    return pairs


def check(input: _Checkable, *, variant: Optional[int] = None,
          flags: int = Flag.NONE,
          api_key: Union[bytes, bytearray, str, None] = None) -> CheckResult:
    """List every problem in jump parameters that other code produced.

    input is an App path or a query string (str, sent as UTF-8, or bytes),
    or an object as a mapping or as (key, value) pairs, which keep repeated
    keys (json.loads(text, object_pairs_hook=list)): the fields (a parsed
    extraData: a str or bytes value is checked, any other is reported as
    json.not_string), a wx.navigateToMiniProgram argument (with extraData
    or envVersion, or appId and path; kind "navigate") or an App launch
    request (with userName, miniProgramType or path; kind "app_launch").
    A navigate argument's extraData, a mapping (a list of pairs is not
    one) or a string holding a JSON object (reported as encoded twice),
    has its members checked as the fields, found under the key
    "extraData.<key>"; any other nested value is sent as its JSON text.
    variant None infers it from the keys; flags are compose's. With
    api_key (handled as compose handles it) an APIv2 sign is verified, else
    reported as sign.unverified. Offsets count UTF-8 bytes. Raises
    RepayjumpError: E_ARG for a variant or flags the library does not know,
    E_CHARSET for a key with a NUL byte."""
    lib = _lib or _library()
    options = lib.CheckOptions(
        -1 if variant is None else _c_int("variant", variant),
        _c_int("flags", flags, 0, _UINT_MAX), None)
    key_call = None
    if api_key is not None:  # copied and wiped as compose's
        key_call = _fields_call(api_key=api_key)
        if key_call.nuls:  # a C string would end there: no key is usable
            key_call.wipe()
            at = min(key_call.nuls[Field.API_KEY])
            raise RepayjumpError(Status.E_CHARSET, Field.API_KEY, at,
                                 f"api_key: byte {at} is a NUL byte, which "
                                 f"no key holds")
        if key_call.key:
            options.api_key = ctypes.addressof(key_call.key)
    if isinstance(input, (str, bytes, bytearray)):
        data = _text("input", input)  # read in place: no NUL is added
        fn, count = lib.check_text, len(data)
    else:
        items = input.items() if isinstance(input, Mapping) else input
        pairs = _pairs(lib, items)
        data = (lib.Pair * len(pairs))(*pairs)
        fn, count = lib.check_pairs, len(pairs)
    cap = _FINDINGS_CAP
    try:
        while True:
            found, result = (lib.CFinding * cap)(), lib.CCheckResult()
            status = fn(options, data, count, found, cap, result)
            if status or result.count <= cap:
                break
            cap = result.count
    finally:
        if key_call:
            key_call.wipe()
    if status:
        raise RepayjumpError(status, Field.NONE, 0,
                             f"check: {strerror(status)}")
    return CheckResult(
        None if result.kind == 0 else lib.kind_name(result.kind),
        None if result.variant < 0 else _member(Variant, result.variant),
        result.errors, result.warnings, result.notes,
        tuple(_finding(lib, found[i]) for i in range(result.count)))


def _finding(lib, f) -> Finding:
    """A filled repayjump_finding, read while the input it points into is
    still alive."""
    names, severities = lib.code_names, lib.severity_names
    code = (names[f.code] if 0 <= f.code < len(names)
            else lib.code_name(f.code))
    severity = severities.get(f.severity) or lib.severity_name(f.severity)
    key = (ctypes.string_at(f.key, f.key_len).decode("utf-8", "replace")
           if f.key else None)
    return Finding(code, severity, _member(Field, f.field), key, f.offset,
                   f.length, bool(f.in_value),
                   f.message.decode("utf-8", "replace"),
                   f.fix.decode("utf-8", "replace"))


def check_codes() -> dict:
    """Every finding code the library has, by name, with its severity name:
    {"input.empty": "error", ...}."""
    lib = _lib or _library()
    return {name: lib.severity_names[severity]
            for name, severity in zip(lib.code_names, lib.code_severities)
            if severity >= 0}


def strerror(status: int) -> str:
    """The library's static English text for a status."""
    lib = _lib or _library()
    return lib.strerror(_c_int("status", status)).decode()


# ---- the status query: the user's state after the jump (STATUS.md) ----

_Answer = Union[bytes, bytearray, memoryview, str]


def status_request(*, trade_scene: _Text, jump_scene: _Text = None,
                   plate_number: _Text = None,
                   variant: int = Variant.V3_MERCHANT, appid: _Text = None,
                   mchid: _Text = None, openid: _Text = None,
                   nonce_str: _Text = None, sub_appid: _Text = None,
                   sub_mchid: _Text = None, sub_openid: _Text = None,
                   api_key: Union[bytes, bytearray, str, None] = None,
                   flags: int = Flag.NONE) -> str:
    """The signed XML body of WeChat Pay's user state query (querystate),
    to POST to status_url(variant) as text/xml.

    Takes the keywords of compose for the merchant's identity; every
    variant needs the APIv2 api_key here (the APIv3 ones too: WeChat signs
    this call with it), taken and wiped as compose does. Then openid,
    sub_openid or plate_number; nonce_str is drawn when absent.
    trade_scene is one of "PARKING", "PARKING SPACE", "GAS", "HIGHWAY",
    "BRIDGE"; jump_scene "APP" or "H5" (None: a mini program);
    plate_number such as "粤B888888". Raises RepayjumpError."""
    call = _Call(variant, flags, appid, mchid, nonce_str, openid, sub_appid,
                 sub_mchid, sub_openid, api_key,
                 (trade_scene, jump_scene, plate_number))
    lib = call.lib
    out = ctypes.create_string_buffer(lib.status_request_max)
    n, err = ctypes.c_size_t(), lib.Error()
    try:
        status = lib.status_request(call.params, call.query, out, len(out),
                                    n, err)
    finally:
        call.wipe()
    if status:
        raise call.error(err)
    return out.raw[:n.value].decode("utf-8")


def status_url(variant: int = Variant.V3_MERCHANT,
               backup: bool = False) -> str:
    """The URL to POST a variant's status request to: WeChat Pay's primary
    host, or with backup=True its backup host (api2.mch.weixin.qq.com), for
    a retry after a failed connection, a timeout or an HTTP 5xx."""
    lib = _lib or _library()
    url = lib.status_url(_c_int("variant", variant), 1 if backup else 0)
    if url is None:
        raise RepayjumpError(Status.E_ARG, Field.NONE, 0,
                             f"variant: {variant} is not a variant (0 to 3)")
    return url.decode()


def _answer_bytes(answer: _Answer) -> bytes:
    if isinstance(answer, bytes):
        return answer
    if isinstance(answer, (bytearray, memoryview)):
        return bytes(answer)
    if isinstance(answer, str):
        return answer.encode("utf-8")
    raise TypeError(f"answer: expected bytes or str, "
                    f"got {type(answer).__name__}")


def _words(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def status_parse(answer: _Answer, **fields) -> StatusResult:
    """Read WeChat Pay's answer to a status_request made with the same
    identity (the keywords of compose: variant, appid, mchid, sub_mchid and
    api_key are used; openid and nonce_str are ignored) and return the
    user's state.

    answer is the body as received (bytes; a str is sent as UTF-8). It is
    trusted only when it is flat XML of at most ANSWER_MAX bytes, has no
    element twice, says return_code SUCCESS, is signed with api_key (the
    signature compared in constant time), echoes appid, mch_id (and
    sub_mch_id) as asked, says result_code SUCCESS and has a user_state.
    Otherwise raises RepayjumpError with the first check that failed:
    Status.E_TOO_LARGE, E_XML (offset: the byte in the answer),
    E_DUPLICATE, E_RETURN_FAIL (with WeChat's return_msg), E_SIGNATURE,
    E_ECHO (field: appid, mchid or sub_mchid), E_RESULT_FAIL (with
    return_msg, err_code and err_code_des), E_NO_STATE; E_TOO_LONG for a
    value longer than its member; or an identity error."""
    data = _answer_bytes(answer)
    call = _fields_call(**fields)
    lib = call.lib
    r, err = lib.CStatusResult(), lib.Error()
    try:
        status = lib.status_parse(call.params, data, len(data), r, err)
    finally:
        call.wipe()
    if status:
        e = call.error(err)
        if status in (Status.E_RETURN_FAIL, Status.E_RESULT_FAIL):
            e.return_msg = _words(r.return_msg)
            e.err_code = _words(r.err_code)
            e.err_code_des = _words(r.err_code_des)
        raise e
    return StatusResult(_member(UserState, r.state),
                        *(getattr(r, name).decode("utf-8")
                          for name, _ in _STATUS_MEMBERS[:7]))


def version() -> str:
    """"MAJOR.MINOR.PATCH" of the library actually loaded."""
    return (_lib or _library()).version


def version_number() -> int:
    """MAJOR << 16 | MINOR << 8 | PATCH of the library actually loaded."""
    return (_lib or _library()).version_number


_CONSTANTS = {
    "TARGET_APPID": "target_appid",
    "TARGET_USERNAME": "target_username",
    "TARGET_PATH": "target_path",
    "OUTPUT_MAX": "output_max",
    "FIELD_MAX": "field_max",
    "STATUS_REQUEST_MAX": "status_request_max",
    "ANSWER_MAX": "answer_max",
    "__version__": "version",
}


def __getattr__(name: str):
    """The library's constants, read from it on first use."""
    if name in _CONSTANTS:
        return getattr(_lib or _library(), _CONSTANTS[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
