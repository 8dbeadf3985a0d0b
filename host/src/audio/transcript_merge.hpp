// Putting per-channel transcripts on one timeline, each turn labelled with
// its channel and the role of whoever speaks on it.
#pragma once

#include <aihost/results.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace aihost::audio {

// roles[i] is the role of channel i ("agent", "customer").
using ChannelRoles = std::vector<std::string>;

// A transcript that cannot be labelled: a segment or word without a
// channel, or a channel without a role.
struct TranscriptShapeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Orders a multichannel transcript and labels it: segments and words sorted
// by start (stable, ties by channel), segment ids renumbered from 0, roles
// set on segments and channels, text rebuilt as the segments' text in time
// order, one turn per line.
void label_channels(sdk::Transcript& transcript, const ChannelRoles& roles);

// Merges transcripts of single channels; parts[i] is channel i. Duration is
// the longest part; usage is summed, since every part was billed.
sdk::Transcript merge_channel_transcripts(
    const std::vector<sdk::Transcript>& parts, const ChannelRoles& roles);

}  // namespace aihost::audio
