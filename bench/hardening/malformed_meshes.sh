#!/usr/bin/env bash
# Runs `fields fit-shape CASE --out DIR` on every malformed mesh case and writes the table of exit code, stderr lines,
# leftovers in --out and time to fail as markdown (default: bench/hardening/malformed-meshes.md beside this script).
#
#   bench/hardening/malformed_meshes.sh [OUT.md]
#
# Cases: the mesh crashers kept in io/src/test/resources/fuzz/mesh that the readers refuse, the cases of issue 14 and
# HostileInputCommandTest, and more broken files made here (empty, garbage, truncated, NaN, out-of-range indices,
# degenerate, points only, missing, a folder). Every case must fail within 2 s, with exit 2 and one line on stderr,
# and leave nothing in --out; the script exits 1 when one does not. FIELDS_JAR=PATH runs that jar (default: the
# worktree's own, built by bin/fields when missing); each run is cut off after 30 s in case a mesh is not refused.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out_md="${1:-$here/malformed-meshes.md}"
fields="$root/bin/fields"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cases="$work/cases"
mkdir -p "$cases"

# ---- the cases
corpus="$root/io/src/test/resources/fuzz/mesh"
for f in fuzz-mesh-1-10324-cube-binary.ply fuzz-mesh-1-1266-cube.off fuzz-mesh-1-2187-cube.off fuzz-mesh-1-3704-cube.off \
         fuzz-ply-list-999999999-hangs-assimp.ply fuzz-ply-list-length-overflows.ply header-999999999.off off-comment-hangs-assimp.off \
         off-far-vertex.off ply-binary-face-2000000000.ply ply-binary-index-out-of-range-crashes-triangulate.ply ply-points-only.ply \
         ply-vertex-999999999.ply stl-count-wraps.stl stl-truncated.stl; do
  cp "$corpus/$f" "$cases/corpus-$f"
done
ply_xyz='ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n'
# issue 14 and HostileInputCommandTest
printf 'OFF\n999999999 999999999 0\n0 0 0\n' > "$cases/issue-h.off"
printf 'OFF\n# hung the importer\n3 1 0\n0 0 0\n1 0 0\n2 0 0\n3 0 1 2\n' > "$cases/issue-comment-collinear.off"
printf "${ply_xyz}end_header\n0 0 0\n1 0 0\n0 1 0\n" > "$cases/issue-points-only.ply"
printf "${ply_xyz}element face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n999999999 0 1 2\n" > "$cases/issue-list-999999999.ply"
printf 'OFF\n4 2 0\n0 0 0\n1 0 0\n0 1 0\n1e30 0 0\n3 0 1 2\n3 1 3 2\n' > "$cases/issue-far-vertex-1e30.off"
{ head -c 80 /dev/zero; printf '\x52\xb8\x1e\x05'; head -c 4 /dev/zero; } > "$cases/issue-stl-count-85899346-wraps.stl"
{ head -c 80 /dev/zero; printf '\xff\xff\xff\xff'; } > "$cases/stl-count-4294967295.stl"
# empty, garbage, wrong format
for ext in obj off ply stl; do : > "$cases/empty.$ext"; done
head -c 4096 /dev/urandom > "$cases/garbage.obj"
head -c 4096 /dev/urandom > "$cases/garbage.stl"
printf '{' > "$cases/garbage.gltf"
printf '0 0 0\n1 0 0\n0 1 0\n' > "$cases/unknown-extension.xyz"
printf 'OFX\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n' > "$cases/off-bad-keyword.off"
# counts, indices and values that do not fit
printf 'OFF\n3 2 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n' > "$cases/off-fewer-faces-than-declared.off"
printf 'OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 7\n' > "$cases/off-index-out-of-range.off"
printf 'OFF\n3 1 0\nnan 0 0\n1 0 0\n0 1 0\n3 0 1 2\n' > "$cases/off-nan-vertex.off"
printf 'v 0 0 0\nv 1 0 0\nv 0 1 0\n' > "$cases/obj-no-faces.obj"
printf 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 99\n' > "$cases/obj-index-out-of-range.obj"
printf 'v nan 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n' > "$cases/obj-nan-vertex.obj"
printf 'v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\n' > "$cases/obj-collinear.obj"
printf "${ply_xyz}element face 1\nproperty list uchar int vertex_indices\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n" > "$cases/ply-no-end-header.ply"
printf 'ply\nformat binary_middle_endian 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nend_header\n' > "$cases/ply-unknown-format.ply"
{ printf 'ply\nformat binary_little_endian 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\n'
  printf 'property list uchar int vertex_indices\nend_header\n'; head -c 20 /dev/zero; } > "$cases/ply-binary-truncated.ply"
printf 'solid cube\n facet normal 0 0 0\n  outer loop\n   vertex 0 0 0\n' > "$cases/stl-ascii-truncated.stl"
{ head -c 80 /dev/zero; printf '\x01\x00\x00\x00'; head -c 12 /dev/zero; for i in 1 2 3; do printf '\x00\x00\xc0\x7f\x00\x00\xc0\x7f\x00\x00\xc0\x7f'; done
  printf '\x00\x00'; } > "$cases/stl-binary-nan.stl"
# no file at all, or a folder
mkdir -p "$cases/folder.obj"
missing="$cases/missing.obj"

# ---- the runs
"$fields" --version >/dev/null 2>&1 || true # builds the jar first when bin/fields has to, outside the timings
fail=0
rows=()
for mesh in "$cases"/* "$missing"; do
  name="$(basename "$mesh")"
  dir="$work/out/$name"
  start=$(date +%s%N)
  set +e
  timeout 30 "$fields" fit-shape "$mesh" --out "$dir" >"$work/stdout" 2>"$work/stderr"
  code=$?
  set -e
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  lines=$(wc -l <"$work/stderr")
  if [ -e "$dir" ]; then
    left="$(cd "$dir" && find . -mindepth 1 | sed 's|^\./||' | sort | tr '\n' ' ')"
    left="--out created${left:+: $left}"
  else
    left="none"
  fi
  msg="$(head -c 300 "$work/stderr" | head -n 1 | sed "s|$cases/||g; s/|/\\\\|/g")"
  ok="yes"
  if [ "$code" -ne 2 ] || [ "$lines" -ne 1 ] || [ "$left" != "none" ] || [ "$ms" -ge 2000 ]; then ok="**no**"; fail=1; fi
  rows+=("| \`$name\` | $code | $lines | $left | $(printf '%d.%02d' $((ms / 1000)) $(((ms % 1000) / 10))) | $ok | ${msg#fields: error: } |")
  printf '%-58s exit %d, %d line(s), leftovers %s, %d ms\n' "$name" "$code" "$lines" "$left" "$ms" >&2
done

jar_shown="${FIELDS_JAR:-$root/fields/target/fields.jar}"
jar_shown="${jar_shown#"$root"/}"
{
  echo "# Malformed meshes: how \`fields fit-shape\` fails"
  echo
  echo "Made by \`bench/hardening/malformed_meshes.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -n 1),"
  echo "jar \`$jar_shown\`). Each case runs \`bin/fields fit-shape CASE --out DIR\` in a fresh JVM; the time"
  echo "is the whole command, JVM start included. Required: exit 2, one line on stderr, nothing left in \`--out\`, under 2 s."
  echo
  echo "| case | exit | stderr lines | leftovers in --out | seconds | as required | the line (after \`fields: error: \`) |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "${#rows[@]} cases; $(printf '%s\n' "${rows[@]}" | grep -c '| yes |') as required."
} >"$out_md"
echo "wrote $out_md" >&2
exit $fail
