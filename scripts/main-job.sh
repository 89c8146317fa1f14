#!/usr/bin/env bash
# The main job: pack LambdaAnalyzers and LambdaAnalyzers.Runtime into nuget/, then build
# samples/PackageConsumer from them exactly as a user's project would, showing the diagnostics
# the analyzers report (LAM0211 on purpose). Each run packs a fresh version, so no package
# cache can hand back an older build.
set -euo pipefail
cd "$(dirname "$0")/.."

version="0.1.0-local.$(date -u +%Y%m%d%H%M%S)"
echo "== Packing LambdaAnalyzers $version into nuget/"
dotnet pack src/LambdaAnalyzers.Package -c Release -p:Version="$version" -v:q
dotnet pack src/LambdaAnalyzers.Runtime -c Release -p:Version="$version" -v:q

echo "== Building samples/PackageConsumer against the packed packages"
dotnet build samples/PackageConsumer -p:LambdaAnalyzersPackageVersion="$version" --artifacts-path artifacts/main-job -v:q -clp:NoSummary \
  | grep -E 'warning|error' | sort -u || true
echo "== Done: the lines above are what a user's build shows."
