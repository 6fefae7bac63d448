# BLAKE3 (spec/cap.md §2.1) from the C sources that Debian's librust-blake3-dev installs under
# /usr/share/cargo/registry/blake3-<version>/c (ARCHITECTURE.md "Dependencies"). Nothing is copied
# into the repository or downloaded: the sources are compiled from where the package put them.
# Third-party code: it gets none of our warning flags (tars_warnings), so -Werror never applies.
set(TARS_BLAKE3_SOURCE_DIR "" CACHE PATH
    "The c/ folder of the BLAKE3 sources (default: found under /usr/share/cargo/registry)")
if(NOT TARS_BLAKE3_SOURCE_DIR)
  file(GLOB _tars_blake3_dirs LIST_DIRECTORIES true /usr/share/cargo/registry/blake3-*/c)
  set(_tars_blake3_dir "")
  if(_tars_blake3_dirs)
    list(SORT _tars_blake3_dirs COMPARE NATURAL ORDER DESCENDING)
    list(GET _tars_blake3_dirs 0 _tars_blake3_dir)
  endif()
  if(NOT EXISTS "${_tars_blake3_dir}/blake3.c")
    message(FATAL_ERROR "BLAKE3 C sources not found: install librust-blake3-dev "
                        "(scripts/install-deps.sh) or set TARS_BLAKE3_SOURCE_DIR")
  endif()
  set(TARS_BLAKE3_SOURCE_DIR "${_tars_blake3_dir}" CACHE PATH "" FORCE)
endif()
message(STATUS "BLAKE3 C sources: ${TARS_BLAKE3_SOURCE_DIR}")

set(_tars_blake3_srcs ${TARS_BLAKE3_SOURCE_DIR}/blake3.c ${TARS_BLAKE3_SOURCE_DIR}/blake3_dispatch.c
                      ${TARS_BLAKE3_SOURCE_DIR}/blake3_portable.c)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$" AND UNIX)
  # The SIMD kernels as the upstream assembly; blake3_dispatch.c picks one at run time (CPUID).
  foreach(_kernel sse2 sse41 avx2 avx512)
    list(APPEND _tars_blake3_srcs ${TARS_BLAKE3_SOURCE_DIR}/blake3_${_kernel}_x86-64_unix.S)
  endforeach()
  set(_tars_blake3_defs "")
else()
  # Elsewhere the portable C implementation alone (correct everywhere, slower).
  set(_tars_blake3_defs BLAKE3_NO_SSE2 BLAKE3_NO_SSE41 BLAKE3_NO_AVX2 BLAKE3_NO_AVX512)
endif()

add_library(tars_blake3 STATIC ${_tars_blake3_srcs})
target_compile_definitions(tars_blake3 PRIVATE ${_tars_blake3_defs})
target_include_directories(tars_blake3 SYSTEM PUBLIC ${TARS_BLAKE3_SOURCE_DIR})
set_target_properties(tars_blake3 PROPERTIES POSITION_INDEPENDENT_CODE ON C_STANDARD 99)
