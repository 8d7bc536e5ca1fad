#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/Targets against the XMR and WorkbenchCore sources, with
# AddressSanitizer and libFuzzer's coverage (swiftc -sanitize=fuzzer,address), into .build-fuzz/.
# Usage: Fuzz/build.sh [TARGET...]   (default: every target)
# FUZZ_OPT=-Onone builds faster and fuzzes slower (default -O).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
out=.build-fuzz
mkdir -p "$out/include"
opt=${FUZZ_OPT:--O}
flags=(-sanitize=fuzzer,address -parse-as-library "$opt" -g -swift-version 6 -enable-testing -num-threads 2 -j 2)

# The C targets, as Clang modules the Swift sources import.
cat > "$out/include/module.modulemap" <<MAP
module CFileShims {
    header "$PWD/Sources/CFileShims/include/CFileShims.h"
    export *
}
module CVectorKernels {
    header "$PWD/Sources/CVectorKernels/include/CVectorKernels.h"
    export *
}
MAP
compile_c() {  # SOURCE OBJECT INCLUDE_DIR
    if [ ! "$2" -nt "$1" ]; then clang -c -O1 -g -fsanitize=fuzzer-no-link,address -I "$3" "$1" -o "$2"; fi
}
compile_c Sources/CFileShims/exchange.c "$out/exchange.o" Sources/CFileShims/include
kernel_objects=()
for source in Sources/CVectorKernels/*.c; do
    object="$out/$(basename "$source" .c).o"
    compile_c "$source" "$object" Sources/CVectorKernels/include
    kernel_objects+=("$object")
done

build_module() {  # NAME SOURCE_DIR [DEPENDENCY_DIR...]
    local name=$1 dir=$2 stamp="$out/$1.stamp"
    shift 2
    local newest
    newest=$(find "$dir" "$@" Sources/CFileShims Sources/CVectorKernels Sources/COpenBLAS Sources/CZlib Fuzz/build.sh -type f -newer "$stamp" 2>/dev/null | head -1 || true)
    if [ -f "$stamp" ] && [ -z "$newest" ] && [ -f "$out/lib$name.a" ] && [ "$(cat "$stamp")" = "$opt" ]; then return; fi
    echo "fuzz: compiling $name"
    find "$dir" -name '*.swift' | sort > "$out/$name.sources"
    rm -f "$out/lib$name.a"   # ar adds to an existing archive: old members would clash
    swiftc "${flags[@]}" -module-name "$name" -I "$out/include" -I Sources/COpenBLAS -I Sources/CZlib -I "$out" \
        -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -emit-library -static -o "$out/lib$name.a" @"$out/$name.sources"
    echo "$opt" > "$stamp"
}
build_module XMR Sources/XMR
build_module WorkbenchCore Sources/WorkbenchCore Sources/XMR

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in Fuzz/Targets/*.swift; do targets+=("$(basename "$f" .swift)"); done
fi
for t in "${targets[@]}"; do
    echo "fuzz: linking $t"
    swiftc "${flags[@]}" -module-name "Fuzz_${t//-/_}" -I "$out/include" -I Sources/COpenBLAS -I Sources/CZlib -I "$out" \
        "Fuzz/Targets/$t.swift" "$out/libWorkbenchCore.a" "$out/libXMR.a" "$out/exchange.o" "${kernel_objects[@]}" \
        -lopenblas -lz -use-ld=lld -o "$out/$t"
done
