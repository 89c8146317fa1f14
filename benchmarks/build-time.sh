#!/usr/bin/env bash
# Times full `dotnet build`s of the synthetic 500-file function repository with and without the
# LambdaAnalyzers package (packed from this repository into a feed of its own), alternating with the
# .NET SDK's default analyzers, Roslynator and Meziantou.Analyzer (and, as variant "generators", our
# generators alone), and prints the ratios to the
# build without analyzers. Options: --files N (500), --rounds N (7), --variants none,lambda,...,
# --keep (leave the temporary folder). See benchmarks/LambdaAnalyzers.Benchmarks/README.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build "$root/benchmarks/LambdaAnalyzers.Benchmarks" -c Release -nodeReuse:false -p:UseSharedCompilation=false -v:q -clp:NoSummary
exec dotnet "$root/benchmarks/LambdaAnalyzers.Benchmarks/bin/Release/net10.0/LambdaAnalyzers.Benchmarks.dll" build-time "$@"
