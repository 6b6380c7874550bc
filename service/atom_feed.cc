#include "service/atom_feed.h"

namespace gazette {
namespace {

// The length of the UTF-8 sequence starting at `s[i]`, when it is a valid
// character that XML 1.0 allows; 0 otherwise.
size_t xml_char_length(std::string_view s, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
  size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char b = s[i + k];
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  bool shortest = (n == 2 && cp >= 0x80) || (n == 3 && cp >= 0x800) || (n == 4 && cp >= 0x10000);
  bool allowed = cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE && cp != 0xFFFF;
  return shortest && allowed ? n : 0;
}

std::string xml_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = xml_char_length(s, i);
    if (n == 0) {
      // A control character is dropped; a broken byte shows as U+FFFD.
      if (static_cast<unsigned char>(s[i]) >= 0x80) out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    switch (s[i]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.append(s, i, n);
    }
    i += n;
  }
  return out;
}

void element(std::string& out, const char* indent, const char* name, std::string_view text) {
  out += indent;
  out += '<';
  out += name;
  out += '>';
  out += xml_text(text);
  out += "</";
  out += name;
  out += ">\n";
}

void link(std::string& out, const char* indent, const char* rel, const char* type, const std::string& href) {
  out += indent;
  out += "<link rel=\"";
  out += rel;
  out += '"';
  if (type) out += std::string(" type=\"") + type + '"';
  out += " href=\"" + xml_text(href) + "\"/>\n";
}

}  // namespace

std::string atom_xml(const Feed& feed) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n";
  element(out, "  ", "id", feed.id);
  element(out, "  ", "title", feed.title);
  element(out, "  ", "updated", feed.updated);
  link(out, "  ", "self", "application/atom+xml", feed.self);
  link(out, "  ", "alternate", "text/html", feed.alternate);
  // An entry without authors takes the feed's (RFC 4287 4.1.1).
  out += "  <author><name>Gazette</name></author>\n  <generator>Gazette</generator>\n";
  for (const FeedEntry& e : feed.entries) {
    out += "  <entry>\n";
    element(out, "    ", "id", e.id);
    element(out, "    ", "title", e.title);
    element(out, "    ", "updated", e.updated);
    element(out, "    ", "published", e.updated);
    link(out, "    ", "alternate", "text/html", e.link);
    for (const std::string& name : e.authors) out += "    <author><name>" + xml_text(name) + "</name></author>\n";
    if (!e.category.empty()) out += "    <category term=\"" + xml_text(e.category) + "\"/>\n";
    if (!e.summary.empty()) out += "    <summary type=\"text\">" + xml_text(e.summary) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

std::string rfc3339(const Date& date, const std::string& fallback) {
  return date.valid() ? utc_timestamp(date.unix_seconds()) : fallback;
}

std::string url_encode(std::string_view text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace gazette
