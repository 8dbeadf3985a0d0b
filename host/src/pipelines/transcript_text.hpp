// A transcript as the text an LLM reads: one turn per line, with its time
// and who speaks ("[01:05] Agent: I can help with that.").
#pragma once

#include <aihost/results.hpp>

#include <string>
#include <vector>

namespace aihost::pipelines {

// "mm:ss", or "h:mm:ss" from one hour on; fractions are dropped.
std::string clock_time(double seconds);

// "Agent" for role "agent"; "Speaker 2" for speaker 1 (people count from
// one); "Channel 1" for channel 0 when only the channel is known;
// "Speaker" when nothing is.
std::string speaker_label(const sdk::Segment& segment);

// One line per non-empty segment, in the order given. A transcript without
// segments is rendered as its text.
std::string render_transcript(const sdk::Transcript& transcript);

}  // namespace aihost::pipelines
