# cmake -DINPUT=file -DOUTPUT=file.cpp -DNAMESPACE=ns -DFUNCTION=name -P EmbedText.cmake
#
# Writes a C++ file defining `std::string_view NAMESPACE::FUNCTION()` that
# returns the bytes of INPUT, so a binary carries a repository file as it was
# at build time. Bytes, not a string literal: any content embeds unchanged.
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
# Break the array into lines of 16 bytes to keep the file readable.
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n  " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT}; do not edit.\n"
  "#include <string_view>\n\n"
  "namespace ${NAMESPACE} {\nnamespace {\n"
  "constexpr char kBytes[] = {\n  ${bytes}'\\0'};\n"
  "}  // namespace\n\n"
  "std::string_view ${FUNCTION}() {\n"
  "  return std::string_view(kBytes, sizeof kBytes - 1);\n}\n\n"
  "}  // namespace ${NAMESPACE}\n")
# Only a changed document rebuilds what depends on it.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
