// Moving channels between WAV files without touching sample values.
#pragma once

#include "audio/wav.hpp"

#include <vector>

namespace aihost::audio {

// One mono WAV per channel of `wav`, each in the same sample format.
std::vector<Wav> split_channels(const Wav& wav);

// Interleaves mono WAVs into one file whose channel i is inputs[i]. All
// inputs must be mono with the same sample layout (else kAudioMismatch). A
// shorter input is padded with silence to the longest, so that channel
// timelines stay aligned from the start.
Wav interleave_channels(const std::vector<Wav>& inputs);

}  // namespace aihost::audio
