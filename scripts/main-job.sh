#!/usr/bin/env bash
# The main job, in two parts:
#  1. samples/OrdersFunction through the analyzers (its build reports any LAM diagnostic) and the
#     shim's full lifecycle: Init, one invoke per event in samples/OrdersFunction/events, Shutdown,
#     with Lambda's START/END/REPORT lines. Exits non-zero when an invoke fails.
#  2. The packed packages as a user gets them: pack LambdaAnalyzers and LambdaAnalyzers.Runtime into
#     nuget/ under a fresh version (no package cache can hand back an older build) and build
#     samples/PackageConsumer from them, showing the diagnostics the build reports (LAM0211 on purpose).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== 1. samples/OrdersFunction: analyzers, then Init -> Invoke -> Shutdown in the shim"
dotnet run --project src/LambdaAnalyzers.Shim.Cli -- run samples/OrdersFunction --events samples/OrdersFunction/events

version="0.1.0-local.$(date -u +%Y%m%d%H%M%S)"
echo
echo "== 2. Packing LambdaAnalyzers $version into nuget/ and building samples/PackageConsumer from it"
dotnet pack src/LambdaAnalyzers.Package -c Release -p:Version="$version" -v:q
dotnet pack src/LambdaAnalyzers.Runtime -c Release -p:Version="$version" -v:q
dotnet build samples/PackageConsumer -p:LambdaAnalyzersPackageVersion="$version" --artifacts-path artifacts/main-job -v:q -clp:NoSummary \
  | grep -E 'warning|error' | sort -u || true
echo "== Done: the lines above are what a user's build and the Lambda lifecycle show."
