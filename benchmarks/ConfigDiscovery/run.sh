#!/usr/bin/env bash
# Measures the package's config discovery (buildTransitive/LambdaAnalyzers.ConfigFiles.targets) on a
# generated repository of 10,000 files, against an empty target and against one recursive glob, in
# the same MSBuild process. Usage: benchmarks/ConfigDiscovery/run.sh [iterations] (default 200).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build_files="$(cd "$here/../../src/LambdaAnalyzers.Package/buildTransitive" && pwd)/"
iterations="${1:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$work/repo"

# --- A repository of 10,000 files -----------------------------------------------------------------
# 40 projects of 120 sources in nested folders (4,800), a web front end with node_modules (4,000),
# docs (600), Terraform with downloaded modules under .terraform (575), a SAM template, and .git.
files=()
add() { files+=("$1"); }
mkdir -p "$repo/.git" && echo "ref: refs/heads/main" > "$repo/.git/HEAD"
for p in $(seq 1 40); do
  for d in $(seq 1 6); do for f in $(seq 1 20); do add "src/Service$p/Feature$d/File$f.cs"; done; done
done
for m in $(seq 1 200); do for f in $(seq 1 20); do add "web/node_modules/pkg$m/lib/file$f.js"; done; done
for f in $(seq 1 600); do add "docs/section$((f % 30))/page$f.md"; done
for m in $(seq 1 25); do for f in $(seq 1 23); do add "infra/.terraform/modules/mod$m/file$f.tf"; done; done
count=${#files[@]}
for f in $(seq 1 $((10000 - count - 6))); do add "misc/batch$((f % 50))/note$f.txt"; done
( cd "$repo" && printf '%s\n' "${files[@]}" | xargs -n 200 dirname | sort -u | xargs mkdir -p && printf '%s\n' "${files[@]}" | xargs touch )
printf 'resource "aws_lambda_function" "fn" {\n  handler = "Service1::Service1.Function::Handle"\n}\n' > "$repo/infra/main.tf"
printf 'variable "prefix" {}\n' > "$repo/infra/variables.tf"
printf 'Resources: {}\n' > "$repo/template.yaml"
mkdir -p "$repo/src/Service1"
cp "$here/Probe.proj" "$repo/src/Service1/Service1.proj"
printf '<Project>\n  <PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>\n</Project>\n' > "$repo/Directory.Build.props"
echo "Repository: $(find "$repo" -type f -not -path '*/.git/*' | wc -l) files, $(find "$repo" -type d | wc -l) folders"

# --- The driver: each iteration is a new project instance running the three targets ---------------
{
  echo '<Project><Target Name="Run"><ItemGroup>'
  for i in $(seq 1 "$iterations"); do echo "<_Probe Include=\"$repo/src/Service1/Service1.proj\" AdditionalProperties=\"Iteration=$i\" />"; done
  echo '</ItemGroup>'
  echo "<MSBuild Projects=\"@(_Probe)\" Targets=\"EmptyBaseline;Discovery;WholeTreeGlob\" Properties=\"LambdaAnalyzersBuildFiles=$build_files;RepositoryRoot=$repo/\" />"
  echo '</Target></Project>'
} > "$work/Driver.proj"

summary="$(dotnet msbuild "$work/Driver.proj" -t:Run -nologo -nodeReuse:false -m:1 -clp:PerformanceSummary\;NoItemAndPropertyList -v:q)"
target_ms() { echo "$summary" | awk -v t="$1" '$0 ~ /Target Performance Summary/ { on = 1 } on && $3 == t { print $1; exit }'; }
empty=$(target_ms EmptyBaseline); discovery=$(target_ms Discovery); walk=$(target_ms WholeTreeGlob)
discover_only=$(target_ms LambdaAnalyzersDiscoverConfigFiles); conditional=$(target_ms LambdaAnalyzersFindConditionalProperties)
awk -v n="$iterations" -v e="$empty" -v d="$discover_only" -v c="$conditional" -v w="$walk" 'BEGIN {
  printf "%-44s %10s %12s %8s\n", "Target (" n " runs, one MSBuild process)", "total ms", "ms per run", "ratio"
  printf "%-44s %10d %12.2f %8.1f\n", "EmptyBaseline", e, e / n, 1
  printf "%-44s %10d %12.2f %8.1f\n", "LambdaAnalyzersDiscoverConfigFiles", d, d / n, d / e
  printf "%-44s %10d %12.2f %8.1f\n", "LambdaAnalyzersFindConditionalProperties", c, c / n, c / e
  printf "%-44s %10d %12.2f %8.1f\n", "WholeTreeGlob (recursive **/*.tf, avoided)", w, w / n, w / e
}'
