# AddressSanitizer and UndefinedBehaviorSanitizer over the whole tree
# (MAMORI_SANITIZE: scripts/test --sanitize builds ./build-asan with it), and
# libFuzzer's coverage instrumentation on top for the harnesses in fuzz/
# (MAMORI_FUZZ, clang only). Qt, libclamav, libvirt and the other libraries
# come from Debian uninstrumented; only Mamori's own code is checked.
if(MAMORI_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "MAMORI_FUZZ needs clang (libFuzzer is part of it): "
                        "configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  set(MAMORI_SANITIZE ON)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# The long fuzz runs may leave AddressSanitizer out
# (-DMAMORI_SANITIZERS=undefined,float-cast-overflow): these Qt harnesses run
# several times faster without it, which is what ten million inputs each on
# two cores needs; the same harnesses also run with it (docs/security.md).
set(MAMORI_SANITIZERS "address,undefined,float-cast-overflow"
    CACHE STRING "The -fsanitize= list of MAMORI_SANITIZE and MAMORI_FUZZ builds")

if(MAMORI_SANITIZE)
  # gcc's "undefined" leaves float-cast-overflow out; a double from JSON cast
  # to an integer is exactly what hostile input does. Every finding stops the
  # program, so that no test passes over one.
  set(mamori_sanitizers ${MAMORI_SANITIZERS})
  add_compile_options(-fsanitize=${mamori_sanitizers} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${mamori_sanitizers})
endif()

# What every test and harness process (and every appliance a test starts)
# runs with under the sanitizers. Reports go to files in
# build-asan/sanitizer-reports as well as failing the process, so that a
# report from a child process whose exit code a test does not look at still
# fails scripts/test --sanitize. scripts/sanitizer-suppressions.txt says why
# each suppressed third-party leak is not ours.
set(MAMORI_SANITIZER_REPORTS ${PROJECT_BINARY_DIR}/sanitizer-reports)
set(MAMORI_SANITIZER_ENVIRONMENT
  "ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:log_path=${MAMORI_SANITIZER_REPORTS}/asan"
  "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=${MAMORI_SANITIZER_REPORTS}/ubsan"
  "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/scripts/sanitizer-suppressions.txt:print_suppressions=0")
