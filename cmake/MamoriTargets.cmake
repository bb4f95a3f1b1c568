# Warnings are errors in Mamori's own code (not in generated moc/uic code,
# which Qt compiles with its own flags inside the same target, so we keep the
# set to warnings Qt's generated code does not trigger). The gcc build is the
# one that holds them; clang, used only for the fuzzers (MAMORI_FUZZ), warns
# about other things and just reports them.
function(mamori_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
  if(NOT MAMORI_FUZZ)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_compile_definitions(${target} PRIVATE
    QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH QT_STRICT_ITERATORS)
endfunction()

# A Qt Test executable, registered with CTest. Extra arguments:
#   SOURCES ... LIBS ... [GUI] [TIMEOUT seconds] [LABELS ...]
function(mamori_add_test name)
  cmake_parse_arguments(T "GUI" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  mamori_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  mamori_test_environment(${name} ${T_TIMEOUT} "${T_LABELS}")
endfunction()

# The environment, timeout and labels of a registered test: offscreen Qt, the
# build's appliance, and the sanitizers' options in a sanitized build.
function(mamori_test_environment test timeout labels)
  set(env "QT_QPA_PLATFORM=offscreen;MAMORI_BINARY_DIR=${PROJECT_BINARY_DIR}")
  if(TARGET mamori-appliance)
    list(APPEND env "MAMORI_APPLIANCE=$<TARGET_FILE:mamori-appliance>")
  endif()
  if(MAMORI_SANITIZE)
    list(APPEND env ${MAMORI_SANITIZER_ENVIRONMENT})
  endif()
  set_tests_properties(${test} PROPERTIES ENVIRONMENT "${env}" TIMEOUT ${timeout}
                       LABELS "${labels}")
endfunction()
