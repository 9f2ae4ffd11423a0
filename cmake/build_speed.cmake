# Build speed. scripts/test builds a fresh clone twice (g++, then the clang
# sanitizer build) on two cores, so compile time is most of a CI run.
# Measured per file (CPU seconds, the same files both ways):
#  - our code at -O2 with line tables only (-g1) instead of full debug
#    information: 0.75x. Call stacks still name functions, files and lines
#    (server/crash_report.h); a debugger does not show local variables.
#  - test code without optimisation, with line tables, and GoogleTest and
#    the common headers precompiled: 0.46x. The code under test keeps its
#    optimisation: only the tests' own files are affected.
#  - linking with lld: about 4x faster than ld.bfd on a test binary.
# A precompiled header for the library itself was measured too and gained
# nothing (0.94x): its files spend their time in code generation, not in
# parsing headers.

if(CMAKE_BUILD_TYPE STREQUAL "RelWithDebInfo")
  add_compile_options(-g1)
endif()

include(CheckLinkerFlag)
check_linker_flag(CXX "-fuse-ld=lld" TWINNING_HAVE_LLD)
if(TWINNING_HAVE_LLD)
  add_link_options(-fuse-ld=lld)
endif()

set(TWINNING_TEST_HEADERS
  <algorithm> <chrono> <cstdint> <functional> <map> <memory> <optional>
  <set> <string> <string_view> <unordered_map> <vector>
  <nlohmann/json.hpp> <gtest/gtest.h>)

# twinning_test_build(TARGET [PCH_FROM]): TARGET holds test code. Its own
# files are compiled without optimisation (except in the Coverage build,
# which sets its own flags) and with TWINNING_TEST_HEADERS precompiled, or
# with the precompiled header of PCH_FROM when given (same flags required).
# Only headers outside this project are precompiled, so a change to one of
# ours never rebuilds every test; each file still includes what it uses.
function(twinning_test_build target)
  if(NOT CMAKE_BUILD_TYPE STREQUAL "Coverage")
    target_compile_options(${target} PRIVATE -O0)
  endif()
  if(NOT TWINNING_PCH)
    return()
  endif()
  if(ARGC GREATER 1)
    target_precompile_headers(${target} REUSE_FROM ${ARGV1})
  else()
    target_precompile_headers(${target} PRIVATE ${TWINNING_TEST_HEADERS})
  endif()
endfunction()
