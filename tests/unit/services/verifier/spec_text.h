#pragma once
// Reads vectors straight out of spec/cap.md (beside the repository, as other tests read
// ../shared), so that a test checks the contract's own bytes rather than a copy of them.

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace tars::verifier::test {

// The whole of spec/cap.md, or "" when it cannot be found (run through ctest, which sets
// TARSTEST_SOURCE_DIR).
inline std::string readCapSpec() {
  const char* root = std::getenv("TARSTEST_SOURCE_DIR");
  if (root == nullptr)
    return "";
  std::ifstream in(std::string(root) + "/../shared/spec/cap.md", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text from the line starting with `heading` to the next line starting with "### " or "## ".
inline std::string specSection(const std::string& spec, std::string_view heading) {
  const std::size_t start = spec.find("\n" + std::string(heading));
  if (start == std::string::npos)
    return "";
  std::size_t end = spec.find("\n### ", start + 1);
  end = std::min(end, spec.find("\n## ", start + 1));
  return spec.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
}

// The contents of every ``` fenced block of `section`, in order, each without its fence lines
// (and so ending with the newline of its last line).
inline std::vector<std::string> fencedBlocks(const std::string& section) {
  std::vector<std::string> blocks;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = section.find("```", pos);
    if (open == std::string::npos)
      break;
    const std::size_t body = section.find('\n', open);
    if (body == std::string::npos)
      break;
    const std::size_t close = section.find("\n```", body);
    if (close == std::string::npos)
      break;
    blocks.push_back(section.substr(body + 1, close - body));
    pos = section.find('\n', close + 1);
    if (pos == std::string::npos)
      break;
  }
  return blocks;
}

// The back-ticked value after `label` (e.g. "`ir_hash` = `"), up to the closing back-tick.
inline std::string backtickedAfter(const std::string& section, std::string_view label) {
  const std::size_t at = section.find(label);
  if (at == std::string::npos)
    return "";
  const std::size_t start = at + label.size();
  const std::size_t end = section.find('`', start);
  return end == std::string::npos ? "" : section.substr(start, end - start);
}

}  // namespace tars::verifier::test
