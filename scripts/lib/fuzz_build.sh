# Sourced by scripts/fuzz and scripts/test. configure_fuzz_build DIR
# configures DIR as the clang build with libFuzzer coverage, ASan and UBSan
# (TWINNING_FUZZ): it builds the fuzz targets (target `fuzzers`) and the
# tests, which then run under the sanitizers. -O1 keeps the build and the
# runs short. Warnings are errors in the g++ build (scripts/build); here
# clang's own set is reported without failing the build.
configure_fuzz_build() {
  cmake -S . -B "$1" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DCMAKE_CXX_COMPILER=clang++ -DTWINNING_WERROR=OFF -DTWINNING_FUZZ=ON >/dev/null
}
