#!/usr/bin/env bash
# check_layers.sh: checks every `#include "..."` under src/ against the layer
# rules of layers.txt (the format is described there) and fails listing
# file:line, the include and the rule it breaks.
#
#   check_layers.sh [--root DIR] [--rules FILE]   check DIR/src (default: this repository)
#   check_layers.sh --self-test                   prove the check can fail: run it on small
#                                                 fake trees in a temp folder, one clean and
#                                                 some with a forbidden include each
#
# Exit status: 0 clean, 1 violations (or a failed self-test), 2 bad usage or rules.
# Needs bash 4 and coreutils; no network, nothing written outside a temp folder.
set -euo pipefail
shopt -s extglob

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
rules=$here/layers.txt
self_test=0

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --root) root=${2:?}; shift 2 ;;
    --rules) rules=${2:?}; shift 2 ;;
    --self-test) self_test=1; shift ;;
    -h|--help) usage ;;
    *) echo "check_layers: unknown argument '$1'" >&2; usage ;;
  esac
done

# scope_holds SCOPE PATH: SCOPE is "glob[,glob|,!glob]..."; PATH is held when
# it matches one plain glob and no "!" glob.
scope_holds() {
  local scope=$1 path=$2 part held=1
  local -a parts
  IFS=, read -r -a parts <<<"$scope"
  # The right-hand sides are globs on purpose.
  # shellcheck disable=SC2053
  for part in "${parts[@]}"; do
    if [[ $part == !* ]]; then
      [[ $path == ${part#!} ]] && return 1
    elif [[ $held -eq 1 && $path == $part ]]; then
      held=0
    fi
  done
  return $held
}

# first_match PATH PATTERN...: prints the first PATTERN that PATH matches.
first_match() {
  local path=$1 pat
  shift
  for pat in "$@"; do
    # shellcheck disable=SC2053
    if [[ $path == $pat ]]; then
      printf '%s' "$pat"
      return 0
    fi
  done
  return 1
}

# check ROOT RULES: prints the violations of ROOT/src; returns 1 when any.
check() {
  local src=$1/src rules_file=$2
  if [[ ! -d $src ]]; then
    echo "check_layers: no src/ folder in $1" >&2
    return 2
  fi
  if [[ ! -f $rules_file ]]; then
    echo "check_layers: no rules file $rules_file" >&2
    return 2
  fi

  # The rules: scope, kind, patterns (space-separated), line in the file.
  local -a r_scope=() r_kind=() r_pats=() r_line=()
  local n=0 line scope kind pats
  while IFS= read -r line || [[ -n $line ]]; do
    n=$((n + 1))
    line=${line%%#*}
    [[ $line =~ ^[[:space:]]*$ ]] && continue
    read -r scope kind pats <<<"$line"
    if [[ $kind != may && $kind != never ]] || [[ -z $pats ]]; then
      echo "check_layers: $rules_file:$n: expected 'SCOPE may|never PATTERN...'" >&2
      return 2
    fi
    r_scope+=("$scope")
    r_kind+=("$kind")
    r_pats+=("$pats")
    r_line+=("$n")
  done <"$rules_file"

  local rules_name
  rules_name=$(basename "$rules_file")
  local -a files
  mapfile -t files < <(cd "$src" && find . -type f \( -name '*.h' -o -name '*.hh' -o -name '*.hpp' \
    -o -name '*.cc' -o -name '*.cpp' -o -name '*.inc' \) | sed 's#^\./##' | LC_ALL=C sort)

  local failed=0 file i held lno text inc target dir pat
  local -a pat_list
  for file in "${files[@]}"; do
    # Every file is held by a `may` rule, so that a new folder gets its rule.
    held=0
    for i in "${!r_scope[@]}"; do
      if [[ ${r_kind[i]} == may ]] && scope_holds "${r_scope[i]}" "$file"; then
        held=1
        break
      fi
    done
    if [[ $held -eq 0 ]]; then
      echo "src/$file: no 'may' rule in $rules_name holds this file (add one for its folder)"
      failed=1
    fi

    dir=$(dirname "$file")
    while IFS=: read -r lno text; do
      [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]+)\" ]] || continue
      inc=${BASH_REMATCH[1]}
      # As the preprocessor looks: beside the file first ("x.h", "../x.h",
      # "sub/x.h"), then from src/ ("folder/x.h").
      target=""
      if [[ $inc != */* || $inc == ./* || $inc == ../* || -f $src/$dir/$inc ]]; then
        target=$(realpath -m --relative-to="$src" "$src/$dir/$inc")
      elif [[ -d $src/${inc%%/*} ]]; then
        target=$(realpath -m --relative-to="$src" "$src/$inc")
      else
        continue  # not one of ours (a library's header in quotes)
      fi
      if [[ $target == ../* ]]; then
        echo "src/$file:$lno: #include \"$inc\" leaves src/"
        failed=1
        continue
      fi
      for i in "${!r_scope[@]}"; do
        scope_holds "${r_scope[i]}" "$file" || continue
        read -r -a pat_list <<<"${r_pats[i]}"
        if [[ ${r_kind[i]} == may ]]; then
          if ! first_match "$target" "${pat_list[@]}" >/dev/null; then
            echo "src/$file:$lno: #include \"$inc\": ${r_scope[i]} may include only ${r_pats[i]} ($rules_name:${r_line[i]})"
            failed=1
          fi
        else
          if pat=$(first_match "$target" "${pat_list[@]}"); then
            echo "src/$file:$lno: #include \"$inc\": ${r_scope[i]} must never include $pat ($rules_name:${r_line[i]})"
            failed=1
          fi
        fi
      done
    done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$src/$file" || true)
  done
  return $failed
}

# --- The self-test ------------------------------------------------------------

# fake_tree DIR FILE=CONTENT...: a src/ tree with one line per file.
fake_tree() {
  local dir=$1 spec
  shift
  for spec in "$@"; do
    mkdir -p "$(dirname "$dir/src/${spec%%=*}")"
    printf '%s\n' "${spec#*=}" >"$dir/src/${spec%%=*}"
  done
}

# expect NAME WANT(0|1) GREP TREE: runs the check on TREE with the real rules;
# the exit status must be WANT and, on failure, the output must contain GREP.
expect() {
  local name=$1 want=$2 needle=$3 tree=$4 out rc=0
  out=$(check "$tree" "$rules" 2>&1) || rc=$?
  if [[ $rc -ne $want ]]; then
    echo "self-test FAILED: $name: exit $rc, expected $want"
    printf '%s\n' "$out" | sed 's/^/    /'
    return 1
  fi
  if [[ $want -ne 0 ]] && ! grep -qF -- "$needle" <<<"$out"; then
    echo "self-test FAILED: $name: the report does not name '$needle':"
    printf '%s\n' "$out" | sed 's/^/    /'
    return 1
  fi
  echo "self-test ok: $name"
}

# run_self_test TMP: the fake trees go under TMP.
run_self_test() {
  local tmp=$1 ok=0

  # A clean tree: every include allowed by the real rules.
  local -a clean=(
    'common/status.h=#pragma once'
    'domain/model.h=#include "common/status.h"'
    'store/store.h=#include "store/tx.h"'
    'store/tx.h=#pragma once'
    'store/org/org_repos.h=#include "store/tx.h"'
    'store/org/sql_org_repos.cc=#include "store/sql/sql_database.h"'
    'store/sql/sql_database.h=#include "common/status.h"'
    'store/sqlite/sqlite_database.cc=#include "store/sqlite/sqlite_database.h"'
    'store/sqlite/sqlite_database.h=#include "store/sql/sql_database.h"'
    'service/org/org_service.cc=#include "store/org/org_repos.h"'
    'service/org/org_service.h=#include "org_service_internal.h"'
    'service/org/org_service_internal.h=#include "domain/model.h"'
    'http/org/org_routes.cc=#include "service/org/org_service.h"'
    'app/app.cc=#include "http/org/org_routes.h"'
    'http/org/org_routes.h=#include "http/route_table.h"'
    'http/route_table.h=#include "store/store.h"'
    'cli/main.cc=#include "store/sqlite/sqlite_database.h"'
  )
  fake_tree "$tmp/clean" "${clean[@]}"
  expect "a clean tree passes" 0 "" "$tmp/clean" || ok=1

  # Each case: the clean tree plus one file with one forbidden include.
  local -a cases=(
    'domain reaches up|domain/bad.h=#include "store/store.h"|src/domain/bad.h:1: #include "store/store.h": domain/* may include only'
    'common includes domain|common/bad.cc=#include "domain/model.h"|src/common/bad.cc:1:'
    'a store interface names the SQL|store/org/member_repos.h=#include "store/sql/sql_database.h"|must never include store/sql/*'
    'a service includes a backend|service/org/bad.cc=#include "store/sqlite/sqlite_database.h"|src/service/org/bad.cc:1:'
    'a service includes a capability SQL|service/org/bad.cc=#include "store/org/sql_org_repos.h"|must never include store/*/sql_*'
    'a service includes http|service/org/bad.h=#include "http/org/org_routes.h"|src/service/org/bad.h:1:'
    'http includes the SQL client|http/bad.cc=#include "store/sql/sql_database.h"|must never include store/sql/*'
    'http uses a repository|http/org/bad.cc=#include "store/org/org_repos.h"|http/* may include only'
    'http includes cli|http/bad.cc=#include "cli/open_store.h"|must never include cli/*'
    'the SQL names a backend|store/sql/bad.cc=#include "store/postgres/postgres_database.h"|must never include store/postgres/*'
    'a relative include climbs out|domain/bad.cc=#include "../service/org/org_service.h"|src/domain/bad.cc:1:'
    'the composition root picks a backend|app/app.h=#include "store/postgres/postgres_database.h"|src/app/app.h:1:'
    'the HTTP core names a capability|http/api.cc=#include "http/org/org_routes.h"|must never include http/*/*'
    'a folder without a rule|webhooks/hook.cc=#include "common/status.h"|src/webhooks/hook.cc: no '"'may'"' rule'
  )
  local c name file needle
  for c in "${cases[@]}"; do
    IFS='|' read -r name file needle <<<"$c"
    rm -rf "$tmp/case"
    fake_tree "$tmp/case" "${clean[@]}" "$file"
    expect "$name is refused" 1 "$needle" "$tmp/case" || ok=1
  done
  [[ $ok -eq 0 ]] && echo "self-test: the check fails where it must (${#cases[@]} cases) and passes a clean tree"
  return $ok
}

if [[ $self_test -eq 1 ]]; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/check_layers.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  rc=0
  run_self_test "$tmp" || rc=$?
  exit $rc
fi

rc=0
check "$root" "$rules" || rc=$?
if [[ $rc -eq 0 ]]; then
  echo "check_layers: every include under src/ keeps to $(basename "$rules")"
fi
exit $rc
