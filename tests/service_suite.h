// The suites of the HTTP API's tests (service_test.cc, service_search_test.cc,
// service_write_test.cc): a real service on a loopback port over one set of
// articles, shared by the tests of a suite, and what the tests read from its
// answers.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "corpus_fixture.h"
#include "service_fixture.h"

namespace gazette::test {

using nlohmann::json;

// The write token of the suites' services.
inline constexpr char kToken[] = "s3cret-token-for-tests";

// A service over one set of articles, shared by the tests of a suite:
// ServiceTest over the committed fixture (tests/data/: 100 French Wikinews
// articles of 2012, always there), SharedCorpusServiceTest over the slice of
// the shared corpus, for what needs Le Monde's sections and 2022's entities.
template <bool kShared>
class ServiceOn : public ::testing::Test {
 protected:
  static const CorpusSlice& slice() { return kShared ? CorpusSlice::get() : CorpusSlice::committed(); }
  static void SetUpTestSuite() {
    if (!kShared || have_shared_corpus()) service_ = new RunningService(slice().db, kToken);
  }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }
  void SetUp() override {
    if (kShared) {
      GAZETTE_SKIP_IF_NO_CORPUS();
    }
  }

  static json get(const std::string& path, int expected_status = 200) {
    int status = 0;
    json body = service_->get(path, &status);
    EXPECT_EQ(status, expected_status) << path << " -> " << body.dump().substr(0, 300);
    return body;
  }

  static std::map<std::string, long> facet(const json& body, const std::string& name) {
    std::map<std::string, long> out;
    for (const auto& v : body["facets"][name]["values"]) out[v["value"]] = v["count"];
    return out;
  }

  static inline RunningService* service_ = nullptr;
};
using ServiceTest = ServiceOn<false>;
using SharedCorpusServiceTest = ServiceOn<true>;

inline std::string encode(const std::string& s) { return httplib::detail::encode_query_param(s); }

inline bool leads_a_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// The characters of `text` (UTF-8) from code point `start` to code point `end`.
inline std::string code_point_slice(const std::string& text, size_t start, size_t end) {
  size_t at = 0, begin = text.size(), stop = text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    if (!leads_a_code_point(text[i])) continue;
    if (at == start) begin = i;
    if (at == end) {
      stop = i;
      break;
    }
    ++at;
  }
  return text.substr(begin, stop - begin);
}

// The words a highlighted text ({"text", "marks"}) marks; checks that its
// ranges are in order, not empty and inside the text.
inline std::vector<std::string> marked_words(const json& marked) {
  const std::string text = marked["text"];
  const size_t length = std::count_if(text.begin(), text.end(), leads_a_code_point);
  std::vector<std::string> out;
  size_t previous_end = 0;
  for (const auto& m : marked["marks"]) {
    size_t start = m[0], end = m[1];
    EXPECT_LE(previous_end, start) << marked;
    EXPECT_LT(start, end) << marked;
    EXPECT_LE(end, length) << marked;
    previous_end = end;
    out.push_back(code_point_slice(text, start, end));
  }
  return out;
}

}  // namespace gazette::test
