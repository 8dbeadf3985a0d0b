# Helpers that keep each folder's CMakeLists.txt to a few lines.

# aihost_layer(NAME DEPS ...): a static library from every .cpp in the
# calling folder, named aihost_NAME, including host/src.
function(aihost_layer name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(aihost_${name} STATIC ${sources})
  target_include_directories(aihost_${name} PUBLIC ${PROJECT_SOURCE_DIR}/host/src)
  target_link_libraries(aihost_${name} PUBLIC ${ARG_DEPS})
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
  add_test(NAME ${name} COMMAND test_${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
endfunction()
