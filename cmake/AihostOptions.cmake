# Compiler settings shared by every target of the project.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_C_STANDARD 99)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  # ccache only caches compilations that use a precompiled header with these
  # sloppiness settings (see "Precompiled headers" in ccache(1)).
  set(launcher env
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      ${CCACHE_PROGRAM})
  set(CMAKE_C_COMPILER_LAUNCHER ${launcher})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${launcher})
endif()

# lld links the test executables much faster than BFD ld, above all the
# Debug ones full of debug sections; gold is the fallback. (Split DWARF would
# shorten links further but hides file:line from sanitizer stack traces.)
set(AIHOST_LINKER "auto" CACHE STRING "Linker for -fuse-ld: auto, lld, gold or bfd")
if(AIHOST_LINKER STREQUAL "auto")
  include(CheckLinkerFlag)
  foreach(candidate lld gold)
    check_linker_flag(CXX -fuse-ld=${candidate} AIHOST_HAVE_LD_${candidate})
    if(AIHOST_HAVE_LD_${candidate})
      add_link_options(-fuse-ld=${candidate})
      break()
    endif()
  endforeach()
elseif(NOT AIHOST_LINKER STREQUAL "bfd")
  add_link_options(-fuse-ld=${AIHOST_LINKER})
endif()

add_compile_options(-Wall -Wextra)
# Boost 1.74's DLL must use std::filesystem rather than Boost.Filesystem.
add_compile_definitions(BOOST_DLL_USE_STD_FS)

if(AIHOST_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Every loadable plugin lands here, so registries and tests can find them.
set(AIHOST_PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/lib/plugins)
