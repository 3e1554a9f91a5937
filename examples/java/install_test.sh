#!/bin/sh
# The jar as a project gets it: the one the build made, and one made by
# README.md's commands; each must name its automatic module and carry the
# project's version in its manifest. The example then runs from the jar on
# a class path, and from the build's jar on a module path, with JNA.
#
# usage: install_test.sh JAVA JAVAC JAR JNA_JAR BUILT_JAR WORK VERSION [NAME=VALUE]...
#   JAVA JAVAC JAR  the JDK's tools
#   BUILT_JAR  the repayjump.jar of the build
#   WORK       a scratch directory, emptied first
#   VERSION    the project's version, which Implementation-Version must equal
#   NAME=VALUE the environment the example runs in (REPAYJUMP_LIBRARY...);
#              javac and jar run without it
set -eu
java=$1 javac=$2 jar=$3 jna=$4 built=$5 work=$6 version=$7
shift 7
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work"
cd "$work"

# check_jar JAR: the manifest's entries, and the module name the JDK
# derives from them (the file is renamed so that its name cannot give it).
check_jar() {
  mkdir -p "check/$1"
  cp "$1" "check/$1/binding.jar"
  (cd "check/$1" && "$jar" --extract --file binding.jar META-INF/MANIFEST.MF)
  manifest=check/$1/META-INF/MANIFEST.MF
  for entry in "Automatic-Module-Name: repayjump" "Implementation-Title: repayjump" \
    "Implementation-Version: $version"; do
    if ! tr -d '\r' <"$manifest" | grep -qxF "$entry"; then
      echo "$1: no '$entry' in its manifest:" >&2
      cat "$manifest" >&2
      exit 1
    fi
  done
  "$jar" --describe-module --file "check/$1/binding.jar" | grep -qx 'repayjump automatic'
  echo "$1: module repayjump, version $version"
}

cp "$built" built.jar
check_jar built.jar

# README.md's commands, from the source.
cd "$here/../.."
"$javac" --release 17 -encoding UTF-8 -cp "$jna" -d "$work/classes" examples/java/src/repayjump/*.java
"$jar" --create --file "$work/repayjump.jar" --manifest examples/java/MANIFEST.MF -C "$work/classes" .
cd "$work"
check_jar repayjump.jar

"$javac" --release 17 -encoding UTF-8 -cp repayjump.jar -d example "$here/Example.java"
# Printed only once both have exited 0: ctest looks for their App path lines.
module_path=$(env "$@" "$java" -Djna.encoding=UTF-8 \
  --module-path built.jar:"$jna" --add-modules repayjump -cp example Example)
class_path=$(env "$@" "$java" -Djna.encoding=UTF-8 \
  -cp example:repayjump.jar:"$jna" Example)
printf 'module path:\n%s\nclass path:\n%s\n' "$module_path" "$class_path"
