// A JSON text written as it goes, for the answers the service sends most (a
// search's page of hits and facets, related coverage, versions). Building an
// nlohmann::json tree of a search with all facets, dumping it and freeing it
// cost about 2.6 M instructions, a fifth of the request (callgrind of
// gazette-serve over queries.txt); RapidJSON's Writer does the escaping and
// the forms of numbers without a tree.
//
// Every string is written as valid UTF-8: an invalid sequence becomes U+FFFD,
// as nlohmann's dump does with error_handler_t::replace, so that an answer is
// always valid JSON whatever an index holds. A number that is not finite is
// written as null. A string or key of more than kMaxStringBytes throws
// std::length_error (RapidJSON counts in 32 bits).
//
// The caller keeps the structure right (a key before each member's value,
// every object and array closed); text() is the JSON text once it is. Not
// thread-safe: one writer per answer.
#pragma once

#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace gazette {

class JsonWriter {
 public:
  JsonWriter();
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The name of the next member of the object being written.
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view value);
  JsonWriter& number(int64_t value);
  JsonWriter& number(uint64_t value);
  JsonWriter& number(double value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();

  // A member: key(name), then its value.
  JsonWriter& member(std::string_view name, std::string_view value) { return key(name).string(value); }
  JsonWriter& member(std::string_view name, const char* value) { return key(name).string(value); }
  JsonWriter& member(std::string_view name, const std::string& value) { return key(name).string(value); }
  JsonWriter& member(std::string_view name, bool value) { return key(name).boolean(value); }
  template <std::integral T>
  requires(!std::same_as<T, bool>) JsonWriter& member(std::string_view name, T value) {
    if constexpr (std::is_signed_v<T>)
      return key(name).number(static_cast<int64_t>(value));
    else
      return key(name).number(static_cast<uint64_t>(value));
  }
  template <std::floating_point T>
  JsonWriter& member(std::string_view name, T value) {
    return key(name).number(static_cast<double>(value));
  }
  // Any other pointer would be written as `true`.
  template <typename T>
  JsonWriter& member(std::string_view name, const T* value) = delete;

  static constexpr size_t kMaxStringBytes = 512 << 20;

  // What has been written so far.
  std::string text() const;

 private:
  // Writes `text` as a member's name or a string value, valid UTF-8.
  void write_valid(std::string_view text, bool is_key);

  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace gazette
