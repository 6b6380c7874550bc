#include "service/json_writer.h"

#include <cassert>
#include <cmath>
#include <stdexcept>

#include <unicode/utf8.h>

// Not RAPIDJSON_SSE2: in 1.1.0 its scan of 16 bytes at a time takes only
// bytes up to 0x19 for control characters, and wrote 0x1A to 0x1F raw, which
// no JSON parser accepts: an article holding one (through the API, say) made
// its search answers invalid. json_writer_fuzz found it. Scalar, each byte is
// looked up in the full escape table.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "common/text_folding.h"

namespace gazette {

struct JsonWriter::State {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
};

namespace {

// `text` with each invalid UTF-8 sequence replaced by U+FFFD.
std::string repaired_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i, c;
    U8_NEXT(s, i, length, c);
    if (c < 0)
      out += "\xEF\xBF\xBD";
    else
      out.append(text.data() + start, static_cast<size_t>(i - start));
  }
  return out;
}

// RapidJSON sizes a string's room in 32 bits, six bytes a byte at worst.
void check_length(std::string_view text) {
  if (text.size() > JsonWriter::kMaxStringBytes)
    throw std::length_error("a JSON string of " + std::to_string(text.size()) + " bytes");
}

}  // namespace

JsonWriter::JsonWriter() : state_(std::make_unique<State>()) {}
JsonWriter::~JsonWriter() = default;

JsonWriter& JsonWriter::begin_object() {
  state_->writer.StartObject();
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  state_->writer.EndObject();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  state_->writer.StartArray();
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  state_->writer.EndArray();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  write_valid(name, true);
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  write_valid(value, false);
  return *this;
}

void JsonWriter::write_valid(std::string_view text, bool is_key) {
  check_length(text);
  std::string valid;
  if (find_invalid_utf8(text) != std::string_view::npos) text = valid = repaired_utf8(text);
  const auto length = static_cast<rapidjson::SizeType>(text.size());
  if (is_key)
    state_->writer.Key(text.data(), length);
  else
    state_->writer.String(text.data(), length);
}

JsonWriter& JsonWriter::number(int64_t value) {
  state_->writer.Int64(value);
  return *this;
}

JsonWriter& JsonWriter::number(uint64_t value) {
  state_->writer.Uint64(value);
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  // The Writer refuses NaN and infinities and would leave the text without
  // a value.
  if (std::isfinite(value))
    state_->writer.Double(value);
  else
    state_->writer.Null();
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  state_->writer.Bool(value);
  return *this;
}

JsonWriter& JsonWriter::null() {
  state_->writer.Null();
  return *this;
}

std::string JsonWriter::text() const {
  assert(state_->writer.IsComplete() && "an object or array is not closed");
  return {state_->buffer.GetString(), state_->buffer.GetSize()};
}

}  // namespace gazette
