#!/usr/bin/env bash
# Issue 11's four goals against Typst, whole processes, alternating runs, medians:
#   reading edition, reading + booklet, five languages, all languages, each against Typst's one guide.
# usage (from the project root): bash ../shared/speed/vs-typst.sh   (once: installs Typst under /tmp)
#                                bash bench/goals.sh [ROUNDS]        (default 7)
set -euo pipefail
rounds=${1:-7}; work=/tmp/speed-vs-typst
[ -f $work/typst.mjs ] && [ -d $work/node_modules/@myriaddreamin ] || { echo "run bash ../shared/speed/vs-typst.sh first (it installs Typst in $work)" >&2; exit 1; }
out=$(mktemp -d)
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
node bin/zine.mjs build --out "$out/warm" >/dev/null 2>&1   # warm the caches, as a second build finds them
reading=(); booklet=(); five=(); all=(); typst=()
# Each of our builds follows a Typst run, so none follows the disk writes of a bigger build of ours.
for _ in $(seq "$rounds"); do
  typst+=("$(ms node $work/typst.mjs "$out/typst.pdf")")
  reading+=("$(ms node bin/zine.mjs build --lang fr --no-booklet --out "$out/a")")
  typst+=("$(ms node $work/typst.mjs "$out/typst.pdf")")
  booklet+=("$(ms node bin/zine.mjs build --lang fr --out "$out/b")")
  typst+=("$(ms node $work/typst.mjs "$out/typst.pdf")")
  five+=("$(ms node bin/zine.mjs build --lang fr,en,de,es,nl --out "$out/c")")
  typst+=("$(ms node $work/typst.mjs "$out/typst.pdf")")
  all+=("$(ms node bin/zine.mjs build --out "$out/d")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
t=$(median "${typst[@]}")
say() { local m; m=$(median "${@:3}"); printf '%-44s %5s ms  %s x Typst (goal %s)\n' "$1" "$m" "$(awk -v a="$m" -v b="$t" 'BEGIN { printf "%.2f", a / b }')" "$2"; }
say 'build --lang fr --no-booklet' '<= 1.0' "${reading[@]}"
say 'build --lang fr (reading + booklet)' '<= 1.3' "${booklet[@]}"
say 'build --lang fr,en,de,es,nl' '<= 2.0' "${five[@]}"
say 'build (every language)' 'none' "${all[@]}"
echo "Typst, one guide: median $t ms (${typst[*]})"
rm -rf "$out"
