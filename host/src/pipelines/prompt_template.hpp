// {{name}} placeholders in task prompts. Deliberately minimal: no
// conditionals, no escaping rules, nothing a prompt author can get wrong.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace aihost::pipelines {

// The names of every {{name}} in `text`, in order, repeats included.
// Whitespace inside the braces is ignored.
std::vector<std::string> placeholders(const std::string& text);

// `text` with every {{name}} replaced by values.at(name); names without a
// value are left as written. Values are inserted verbatim and never
// expanded again, so an input holding "{{text}}" stays as it is.
std::string render(const std::string& text,
                   const std::map<std::string, std::string>& values);

}  // namespace aihost::pipelines
