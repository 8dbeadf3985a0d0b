// aihost invoke: one operation of one registered plugin, from the shell.
// The result goes to stdout; a failure goes to stderr as a JSON error.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "audio/media_type.hpp"
#include "plugins/provider_instance.hpp"
#include "plugins/registry.hpp"
#include "plugins/sha256.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>

namespace aihost::cli {
namespace {

using nlohmann::json;

constexpr const char* kHelp =
    "usage: aihost invoke PLUGIN OPERATION [--base-url URL]\n"
    "                     [--api-key KEY | --api-key-file FILE|-]\n"
    "                     [--input FILE.json|-] [--audio FILE [--audio-type "
    "MIME]]\n"
    "                     [--config JSON] [--registry FILE] [--timeout-ms N]\n"
    "\n"
    "Runs OPERATION (llm.chat, audio.transcribe, pii.redact) with the plugin\n"
    "PLUGIN of the registry and prints the normalised result as JSON.\n"
    "\n"
    "  --base-url URL      the provider's base URL (default: the registry's\n"
    "                      upstream.base_url)\n"
    "  --api-key KEY       the provider key (visible to other local users in\n"
    "                      the process list: prefer --api-key-file)\n"
    "  --api-key-file F    read the key from F, or from stdin with '-'\n"
    "  --input FILE        the operation's parameters, a JSON object ('-':\n"
    "                      stdin; default {})\n"
    "  --audio FILE        the payload; its type comes from the extension\n"
    "                      (wav, mp3, flac, ogg, m4a, webm) or --audio-type\n"
    "  --config JSON       instance settings merged over the registry's\n"
    "  --registry FILE     default: $AI_REGISTRY or config/providers.yaml\n"
    "  --timeout-ms N      deadline of the whole call\n"
    "\n"
    "On failure stderr gets {\"error\":{\"code\",\"message\",\n"
    "\"provider_http_status\",\"retry_after_ms\"}}. Exit status: 0 success,\n"
    "2 usage, 3 registry or plugin refused, 4 the operation failed.\n";

// The key is never echoed, whatever a plugin or provider put in a message.
struct Scrubber {
  std::string secret;
  std::string operator()(std::string text) const {
    if (secret.empty()) return text;
    for (size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + sizeof("[redacted]") - 1))
      text.replace(at, secret.size(), "[redacted]");
    return text;
  }
};

int fail(const Scrubber& scrub, int exit_code, const std::string& code,
         const std::string& message, int http_status = 0,
         int64_t retry_after_ms = -1, const std::string& provider_code = {}) {
  json error = {
      {"code", code},
      {"message", scrub(message)},
      {"provider_http_status", http_status ? json(http_status) : json(nullptr)},
      {"retry_after_ms",
       retry_after_ms >= 0 ? json(retry_after_ms) : json(nullptr)}};
  if (!provider_code.empty()) error["provider_code"] = scrub(provider_code);
  std::cerr << scrub(json{{"error", error}}.dump()) << std::endl;
  return exit_code;
}

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string read_source(const std::string& name, const char* what) {
  if (name == "-")
    return std::string(std::istreambuf_iterator<char>(std::cin), {});
  try {
    return plugins::read_file_bytes(name);
  } catch (const std::exception& e) {
    throw UsageError(std::string(what) + ": " + e.what());
  }
}

std::string api_key(const Args& args) {
  if (args.has("api-key") && args.has("api-key-file"))
    throw UsageError("give --api-key or --api-key-file, not both");
  if (auto key = args.value("api-key")) {
    if (key->empty()) throw UsageError("--api-key is empty");
    return *key;
  }
  if (auto file = args.value("api-key-file")) {
    std::string key = read_source(*file, "--api-key-file");
    while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back())))
      key.pop_back();
    if (key.empty()) throw UsageError("--api-key-file holds no key");
    return key;
  }
  return {};
}

json json_object(const std::string& text, const char* what) {
  json value;
  try {
    value = json::parse(text);
  } catch (const json::exception& e) {
    throw UsageError(std::string(what) + " is not valid JSON: " + e.what());
  }
  if (!value.is_object())
    throw UsageError(std::string(what) + " must be a JSON object");
  return value;
}

int invoke(const Args& args) {
  if (args.positional().size() != 2)
    throw UsageError("expected PLUGIN and OPERATION");
  const std::string plugin_id = args.positional()[0];
  const std::string operation = args.positional()[1];
  const Scrubber scrub{api_key(args)};

  plugins::Invocation call;
  call.operation = operation;
  call.api_key = scrub.secret;
  if (auto input = args.value("input"))
    call.params = json_object(read_source(*input, "--input"), "--input");
  if (auto audio = args.value("audio")) {
    call.payload = read_source(*audio, "--audio");
    auto type = args.value("audio-type");
    if (!type) type = audio::audio_type_for(*audio);
    if (!type)
      throw UsageError("cannot tell the audio type of '" + *audio +
                       "': give --audio-type");
    call.payload_type = *type;
  } else if (args.has("audio-type")) {
    throw UsageError("--audio-type needs --audio");
  }
  json overrides = json::object();
  if (auto config = args.value("config"))
    overrides = json_object(*config, "--config");
  plugins::CallOptions options;
  if (auto ms = args.integer("timeout-ms", 1, 24LL * 3600 * 1000))
    options.timeout = std::chrono::milliseconds(*ms);

  const std::string file = args.value("registry").value_or(default_registry());
  std::shared_ptr<const plugins::Registry> registry;
  try {
    registry = plugins::Registry::load(file);
  } catch (const std::exception& e) {
    return fail(scrub, kExitRegistry, "registry_invalid", e.what());
  }
  const plugins::PluginEntry* entry = registry->find(plugin_id);
  if (!entry)
    return fail(scrub, kExitRegistry, "unknown_plugin",
                "no plugin '" + plugin_id + "' in " + file);
  if (entry->status == plugins::PluginStatus::disabled)
    return fail(scrub, kExitRegistry, "plugin_disabled",
                "plugin '" + plugin_id + "' is disabled in " + file);
  if (entry->status == plugins::PluginStatus::refused)
    return fail(scrub, kExitRegistry, "plugin_refused", entry->refusal(file));
  const auto& caps = entry->spec.capabilities;
  if (std::find(caps.begin(), caps.end(), operation) == caps.end())
    return fail(
        scrub, kExitOperation, "unsupported",
        "plugin '" + plugin_id + "' is not registered for '" + operation + "'");

  json config = entry->instance_config(operation);
  config.merge_patch(overrides);
  if (auto base = args.value("base-url")) config["base_url"] = *base;

  try {
    plugins::ProviderInstance instance(entry->library, config, entry->egress);
    plugins::Outcome out = instance.invoke(call, options);
    if (!out.ok())
      return fail(scrub, kExitOperation,
                  lowercase(plugins::status_name(out.status)), out.message,
                  out.http_status, out.retry_after_ms, out.provider_code);
    std::cout << scrub(out.result.dump(2)) << std::endl;
    return kExitOk;
  } catch (const plugins::InstanceError& e) {
    return fail(scrub, kExitOperation,
                lowercase(plugins::status_name(e.status)), e.what());
  }
}

}  // namespace

int invoke_command(int argc, char** argv) {
  try {
    Args args(argc, argv, 2,
              {{"base-url", true},
               {"api-key", true},
               {"api-key-file", true},
               {"input", true},
               {"audio", true},
               {"audio-type", true},
               {"config", true},
               {"registry", true},
               {"timeout-ms", true},
               {"help", false}});
    if (args.has("help")) {
      std::fputs(kHelp, stdout);
      return kExitOk;
    }
    return invoke(args);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "aihost invoke: %s\n\n%s", e.what(), kHelp);
    return kExitUsage;
  }
}

}  // namespace aihost::cli
