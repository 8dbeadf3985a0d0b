# Helpers that keep each folder's CMakeLists.txt to a few lines.

# Precompiled headers. Most of the compile time of a layer, plugin or test
# file is spent parsing the same system headers (nlohmann/json, Poco, Catch2,
# the standard library), so each kind of target shares one PCH, built once by
# an object library and reused by every target of that kind. GCC only uses a
# PCH compiled with the same -fPIC/-fPIE, debug and sanitizer options, and
# with the same values of the macros its headers test, so each reuser gets
# its owner's position-independence and platform macros. Configure with
# -DAIHOST_PCH=OFF to check that every file still names what it includes.
option(AIHOST_PCH "Share precompiled headers between targets of one kind" ON)

set(AIHOST_LAYER_PCH_HEADERS
  <algorithm> <chrono> <functional> <map> <memory> <mutex> <optional> <set>
  <stdexcept> <string> <string_view> <vector>
  <nlohmann/json.hpp> <Poco/Exception.h> <Poco/Data/Session.h>)
set(AIHOST_PLUGIN_PCH_HEADERS
  <algorithm> <functional> <map> <memory> <optional> <stdexcept> <string>
  <string_view> <vector>
  <nlohmann/json.hpp>)
set(AIHOST_TEST_PCH_HEADERS
  <algorithm> <chrono> <functional> <map> <memory> <mutex> <optional> <set>
  <string> <string_view> <thread> <vector>
  <catch2/catch.hpp> <nlohmann/json.hpp>)

# Poco's targets define platform macros (_XOPEN_SOURCE, _REENTRANT, ...)
# that the C library headers test; layers and tests that use no Poco get
# them too, so that one PCH fits every layer and every test.
function(_aihost_platform_macros target)
  target_compile_definitions(${target} PRIVATE
    $<TARGET_PROPERTY:Poco::Foundation,INTERFACE_COMPILE_DEFINITIONS>)
endfunction()

# The owner of the PCH of one kind (layer, plugin, test), made on first use
# because the imported Poco targets only exist once the project found them.
function(_aihost_pch_owner kind out)
  set(owner aihost_pch_${kind})
  set(${out} ${owner} PARENT_SCOPE)
  if(TARGET ${owner})
    return()
  endif()
  set(source ${CMAKE_BINARY_DIR}/pch/${kind}_pch.cpp)
  file(CONFIGURE OUTPUT ${source} CONTENT "// PCH owner: ${kind} targets\n")
  add_library(${owner} OBJECT ${source})
  target_link_libraries(${owner} PRIVATE nlohmann_json::nlohmann_json)
  string(TOUPPER ${kind} upper)
  target_precompile_headers(${owner} PRIVATE ${AIHOST_${upper}_PCH_HEADERS})
  if(kind STREQUAL "plugin")
    set_target_properties(${owner} PROPERTIES
      CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  elseif(kind STREQUAL "test")
    # Test executables compile with -fPIE, which the PCH has to match.
    set_target_properties(${owner} PROPERTIES POSITION_INDEPENDENT_CODE OFF)
    target_compile_options(${owner} PRIVATE -fPIE)
    target_link_libraries(${owner} PRIVATE Catch2::Catch2)
  endif()
  if(NOT kind STREQUAL "plugin")
    _aihost_platform_macros(${owner})
  endif()
endfunction()

# aihost_precompile(TARGET KIND): TARGET reuses the PCH of KIND: "layer"
# (host code, Poco's platform macros), "plugin" (nlohmann and the standard
# library only, hidden visibility; also fits static helpers of plugins and
# tests that use no Poco) or "test" (Catch2 executables).
function(aihost_precompile target kind)
  if(NOT AIHOST_PCH)
    return()
  endif()
  _aihost_pch_owner(${kind} owner)
  target_precompile_headers(${target} REUSE_FROM ${owner})
  if(NOT kind STREQUAL "plugin")
    _aihost_platform_macros(${target})
  endif()
endfunction()

# aihost_layer(NAME DEPS ...): a static library from every .cpp in the
# calling folder, named aihost_NAME, including host/src.
function(aihost_layer name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(aihost_${name} STATIC ${sources})
  target_include_directories(aihost_${name} PUBLIC ${PROJECT_SOURCE_DIR}/host/src)
  target_link_libraries(aihost_${name} PUBLIC ${ARG_DEPS})
  aihost_precompile(aihost_${name} layer)
endfunction()

# aihost_plugin(NAME SOURCES ... [DEPS ...]): a provider plugin built the way
# sdk/README.md asks: hidden visibility and a version script exporting only
# the entry symbol.
function(aihost_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(aihost_plugin_${name} MODULE ${ARG_SOURCES})
  target_link_libraries(aihost_plugin_${name} PRIVATE aihost_sdk ${ARG_DEPS})
  set_target_properties(aihost_plugin_${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "aihost-${name}"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${AIHOST_PLUGIN_OUTPUT_DIR})
  target_link_options(aihost_plugin_${name} PRIVATE
    -Wl,--version-script=${PROJECT_SOURCE_DIR}/sdk/plugin-exports.map
    -Wl,--no-undefined -Wl,-z,defs)
  aihost_precompile(aihost_plugin_${name} plugin)
endfunction()

# aihost_test(NAME SOURCES ... LIBS ...): a Catch2 test executable registered
# with CTest under NAME.
function(aihost_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(test_${name} ${ARG_SOURCES})
  target_link_libraries(test_${name} PRIVATE aihost_catch_main ${ARG_LIBS})
  target_compile_definitions(test_${name} PRIVATE
    AIHOST_PLUGIN_DIR="${AIHOST_PLUGIN_OUTPUT_DIR}"
    AIHOST_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    AIHOST_BINARY_DIR="${CMAKE_BINARY_DIR}")
  aihost_precompile(test_${name} test)
  add_test(NAME ${name} COMMAND test_${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
endfunction()
