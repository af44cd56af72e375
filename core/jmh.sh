#!/usr/bin/env bash
# Runs the JMH benchmarks in core/src/jmh. Every argument goes to JMH, for example:
#   core/jmh.sh -l                          list the benchmarks
#   core/jmh.sh OnionBenchmark.peel         one benchmark (a regex)
#   core/jmh.sh X25519 -f 1 -wi 2 -i 3 -prof gc
# Builds core's test classes (the JMH generator runs at test-compile) and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$PWD/core/target/jmh.classpath"
./mvnw -q -pl core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java -cp "core/target/test-classes:core/target/classes:$(cat "$cp_file")" \
  org.openjdk.jmh.Main "$@"
