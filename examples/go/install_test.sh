#!/bin/sh
# README.md's recipe for using this module from another one: a new module
# outside the tree, `go mod edit -require -replace` to this directory, and
# the example built there, offline, then run.
#
# usage: install_test.sh GO WORK [NAME=VALUE]...
#   WORK     a scratch directory, emptied first
#   NAME=VALUE  the environment the program runs in (REPAYJUMP_LIBRARY...);
#            the go tool runs without it
# GOCACHE, CC and the like come from the caller's environment.
set -eu
go=$1 work=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work/merchant"
# Nothing from the network or $HOME; go.mod must be complete as written
# (-mod=readonly, go's default, spelled out).
GOPROXY=off GOFLAGS=-mod=readonly GOENV=off GOTOOLCHAIN=local
GOPATH=$work/gopath
export GOPROXY GOFLAGS GOENV GOTOOLCHAIN GOPATH

cd "$work/merchant"
"$go" mod init example.com/merchant
"$go" mod edit -require=repayjump@v0.0.0 -replace=repayjump="$here"
cat go.mod
grep -qxF 'require repayjump v0.0.0' go.mod
grep -qxF "replace repayjump => $here" go.mod
cp "$here/example/example.go" main.go
"$go" build -o merchant .
test ! -e go.sum
# Printed only once it has exited 0: ctest looks for its App path line.
out=$(env "$@" ./merchant)
printf '%s\n' "$out"
