// Package repayjump composes the parameters a WeChat Pay merchant passes
// when it sends a user to WeChat's repayment mini program, through the C
// library librepayjump: every field validated, the exact bytes to hand over,
// nonces from libsodium's CSPRNG. CheckText, CheckPairs and CheckMap
// diagnose the parameters that other code already produced: every problem,
// with its place and a fix. StatusRequest, StatusURL and ParseStatus ask
// WeChat Pay for the user's state when they come back from the jump, and
// trust its answer only when it is signed with the merchant's key.
//
// The library is loaded at run time with dlopen: from the path in the
// environment variable REPAYJUMP_LIBRARY when it is set, else as
// librepayjump.so.1 through the system loader. Every function is safe to
// call from any number of goroutines at once, and crosses into C once.
package repayjump
