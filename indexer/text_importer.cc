#include "indexer/text_importer.h"

#include "indexer/whole_file.h"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>
#include <vector>

#include "common/date.h"
#include "common/text_folding.h"
#include "common/whitespace.h"

namespace gazette {
namespace {

// Longer lines are prose that happens to mention a date, not a date line.
constexpr size_t kMaxDateLineBytes = 80;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t end = text.find_first_of("\r\n");
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    size_t eol = text.compare(end, 2, "\r\n") == 0 ? 2 : 1;
    text.remove_prefix(end + eol);
  }
  return lines;
}

// Removes the bullet of a list item from a trimmed line. "-" and "*" need a
// space after them, so that "-5 °C" or "*Note*" stay as they are.
bool strip_bullet(std::string_view& line) {
  for (std::string_view bullet : {"\u2022", "- ", "* "}) {
    if (line.substr(0, bullet.size()) == bullet) {
      line = trim_whitespace(line.substr(bullet.size()));
      return true;
    }
  }
  return false;
}

// "1. ", "12) ": the item keeps its number, but starts its own paragraph.
bool is_numbered_item(std::string_view line) {
  size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  return digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
         line[digits + 1] == ' ';
}

struct Header {
  std::string title;
  std::optional<Date> date;
  size_t body_start = 0;  // index of the first line of the body
};

// The date of a non-empty line like "11 min read Sep 14, 2024" or "Publié le
// 3 mars 2022 à 10h": short, and not a sentence, unlike a first paragraph
// that mentions a date.
std::optional<Date> date_line(std::string_view line) {
  if (line.size() > kMaxDateLineBytes || std::string_view(".!?").find(line.back()) != std::string_view::npos)
    return std::nullopt;
  return find_date(line);
}

// Pages copied from a browser repeat the title around the reading-time
// line; all of that is header, up to the first other non-empty line.
Header read_header(const std::vector<std::string_view>& lines) {
  Header h;
  size_t i = 0;
  while (i < lines.size() && trim_whitespace(lines[i]).empty()) ++i;
  if (i == lines.size()) return h;
  h.title = collapse_whitespace(lines[i++]);
  for (; i < lines.size(); ++i) {
    std::string_view line = trim_whitespace(lines[i]);
    if (line.empty() || collapse_whitespace(line) == h.title) continue;
    if (h.date) break;
    h.date = date_line(line);
    if (!h.date) break;
  }
  h.body_start = i;
  return h;
}

// Paragraphs are blocks of lines between blank lines (a wrapped line joins
// the one before it); each list item is a paragraph of its own.
std::string read_body(const std::vector<std::string_view>& lines, size_t start) {
  std::vector<std::string> paragraphs;
  std::string current;
  auto end_paragraph = [&] {
    std::string p = collapse_whitespace(current);
    if (!p.empty()) paragraphs.push_back(std::move(p));
    current.clear();
  };
  for (size_t i = start; i < lines.size(); ++i) {
    std::string_view line = trim_whitespace(lines[i]);
    if (line.empty()) {
      end_paragraph();
      continue;
    }
    if (strip_bullet(line) || is_numbered_item(line)) end_paragraph();
    current.append(line).append(" ");
  }
  end_paragraph();
  std::string body;
  for (const std::string& p : paragraphs) body.append(body.empty() ? "" : "\n\n").append(p);
  return body;
}

std::string_view without_bom(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

}  // namespace

ImportRecord parse_text_article(std::string_view text, const std::string& id, const SourceLocation& where) {
  ImportRecord record;
  record.where = where;
  // Checked here rather than left to check_article, so that the offset is
  // the file's, not the reassembled body's.
  if (size_t at = find_invalid_utf8(text); at != std::string_view::npos) {
    record.problem = Problem{"invalid_utf8", "invalid UTF-8 at byte " + std::to_string(at), ""};
    return record;
  }
  text = without_bom(text);
  if (trim_whitespace(text).empty()) {
    record.problem = Problem{"empty_file", "empty file", ""};
    return record;
  }
  std::vector<std::string_view> lines = split_lines(text);
  Header header = read_header(lines);
  Article a;
  a.id = id;
  a.source = "text";
  a.title = header.title;
  if (header.date) {
    a.date = *header.date;
    a.published = a.date.iso();
  }
  a.body = read_body(lines, header.body_start);
  if (Status problem = prepare_article(a)) {
    record.problem = problem;
    return record;
  }
  record.article = std::move(a);
  return record;
}

void import_text_file(const std::string& path, const RecordSink& sink, StageTimes* times) {
  import_whole_file(path, &parse_text_article, sink, times);
}

}  // namespace gazette
