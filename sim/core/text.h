// Small text helpers shared by every layer: edit distance suggestions, joining lists, HTML
// escaping.
#pragma once

#include <string>
#include <vector>

namespace coda::core {

// Levenshtein distance between two strings.
std::size_t edit_distance(const std::string& a, const std::string& b);

// " (did you mean 'x'?)" for the closest candidate within a distance of max(2, |word|/3), or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

// "a, b, c"
std::string join(const std::vector<std::string>& items, const std::string& sep = ", ");

// Text safe inside HTML elements and double-quoted attributes: < > & " as entities.
std::string html_escape(const std::string& s);

}  // namespace coda::core
