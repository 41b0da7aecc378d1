#!/bin/sh
# cli_check.sh EXIT [--want REGEX]... [--absent TEXT]... [--count REGEX N]... -- COMMAND [ARGS...]
# Runs COMMAND, then checks its exit code and its combined stdout+stderr:
# every --want extended regex must match, no --absent fixed string may occur,
# each --count regex must match exactly N distinct strings.
# Prints the output and every failed check; exits 0 only when all hold.
set -u
expected_exit=$1
shift
wants_file=$(mktemp) || exit 99
absents_file=$(mktemp) || exit 99
counts_file=$(mktemp) || exit 99
out_file=$(mktemp) || exit 99
trap 'rm -f "$wants_file" "$absents_file" "$counts_file" "$out_file"' EXIT
while [ $# -gt 0 ]; do
  case $1 in
    --want) printf '%s\n' "$2" >> "$wants_file"; shift 2 ;;
    --absent) printf '%s\n' "$2" >> "$absents_file"; shift 2 ;;
    --count) printf '%s\n%s\n' "$3" "$2" >> "$counts_file"; shift 3 ;;
    --) shift; break ;;
    *) echo "cli_check.sh: unexpected argument '$1'" >&2; exit 99 ;;
  esac
done
[ $# -gt 0 ] || { echo "cli_check.sh: no command given" >&2; exit 99; }

"$@" > "$out_file" 2>&1 < /dev/null
status=$?
echo "--- $* (exit $status)"
cat "$out_file"
echo "---"
failed=0
if [ "$status" -ne "$expected_exit" ]; then
  echo "FAIL: exit code $status, expected $expected_exit"
  failed=1
fi
while IFS= read -r pattern; do
  if ! grep -Eq -e "$pattern" "$out_file"; then
    echo "FAIL: output does not match /$pattern/"
    failed=1
  fi
done < "$wants_file"
while IFS= read -r text; do
  if grep -Fq -e "$text" "$out_file"; then
    echo "FAIL: output contains '$text'"
    failed=1
  fi
done < "$absents_file"
while IFS= read -r want_n && IFS= read -r pattern; do
  n=$(grep -oE -e "$pattern" "$out_file" | sort -u | wc -l)
  if [ "$n" -ne "$want_n" ]; then
    echo "FAIL: $n distinct matches of /$pattern/, expected $want_n"
    failed=1
  fi
done < "$counts_file"
[ "$failed" -eq 0 ] && echo "PASS"
exit "$failed"
