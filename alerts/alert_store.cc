#include "alerts/alert_store.h"

#include <random>

namespace gazette {
namespace {

using nlohmann::json;

// Terms: K names the kind of document, A the alert it belongs to (the alert
// itself and each of its matches), Q an alert's own document, U a match's
// (alert, article) pair.
constexpr char kAlertKind[] = "Kalert";
constexpr char kMatchKind[] = "Kmatch";
constexpr Xapian::valueno kSequenceSlot = 0;
constexpr char kNextSequenceKey[] = "next_sequence";
constexpr char kMarkKeyPrefix[] = "mark:";

std::string alert_term(const std::string& id) { return "A" + id; }
std::string own_term(const std::string& id) { return "Q" + id; }
std::string pair_term(const std::string& alert, const std::string& article) {
  // Xapian terms are at most 245 bytes; a longer article id is hashed.
  std::string term = "U" + alert + '\x1f' + article;
  if (term.size() > 240) term = "U" + alert + '\x1e' + std::to_string(std::hash<std::string>{}(article));
  return term;
}

// `digits` random hexadecimal digits, from the system's random source
// (std::random_device reads getrandom on Linux): a feed key must not be
// predictable from the ids and keys a client has seen.
std::string random_hex(size_t digits) {
  static const char hex[] = "0123456789abcdef";
  std::random_device source;
  std::string out;
  while (out.size() < digits)
    for (uint32_t bits = source(), n = 0; n < 8 && out.size() < digits; ++n, bits >>= 4) out += hex[bits & 15];
  return out;
}

}  // namespace

AlertStore::AlertStore(const std::string& dir) : db_(dir, Xapian::DB_CREATE_OR_OPEN) {}

void AlertStore::write_alert(const Alert& alert) {
  Xapian::Document doc;
  doc.add_boolean_term(kAlertKind);
  doc.add_boolean_term(alert_term(alert.id));
  doc.add_boolean_term(own_term(alert.id));
  doc.set_data(alert_json(alert).dump());
  db_.replace_document(own_term(alert.id), doc);
}

std::vector<Alert> AlertStore::create(std::vector<Alert> alerts) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string now = utc_now();
  for (Alert& alert : alerts) {
    do alert.id = random_hex(12);
    while (db_.term_exists(own_term(alert.id)));
    alert.created = now;
    alert.feed_key = random_hex(32);
    write_alert(alert);
  }
  db_.commit();
  return alerts;
}

bool AlertStore::update(const Alert& alert) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!db_.term_exists(own_term(alert.id))) return false;
  write_alert(alert);
  db_.commit();
  return true;
}

bool AlertStore::remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!db_.term_exists(own_term(id))) return false;
  db_.delete_document(alert_term(id));
  db_.commit();
  return true;
}

std::optional<Alert> AlertStore::get(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Xapian::PostingIterator p = db_.postlist_begin(own_term(id));
  if (p == db_.postlist_end(own_term(id))) return std::nullopt;
  Result<Alert> alert = alert_from_json(json::parse(db_.get_document(*p).get_data(), nullptr, false));
  if (!alert) return std::nullopt;
  return std::move(alert).value();
}

std::vector<Alert> AlertStore::all() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Alert> out;
  for (auto p = db_.postlist_begin(kAlertKind); p != db_.postlist_end(kAlertKind); ++p)
    if (Result<Alert> a = alert_from_json(json::parse(db_.get_document(*p).get_data(), nullptr, false)))
      out.push_back(std::move(a).value());
  return out;
}

std::vector<AlertMatch> AlertStore::record(std::vector<AlertMatch> matches,
                                           const std::map<std::string, std::string>& marks) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string next_text = db_.get_metadata(kNextSequenceKey);
  uint64_t next = next_text.empty() ? 1 : std::stoull(next_text);
  std::vector<AlertMatch> recorded;
  for (AlertMatch& m : matches) {
    const std::string pair = pair_term(m.alert_id, m.article_id);
    // The alert may have been deleted since the match was found.
    if (db_.term_exists(pair) || !db_.term_exists(own_term(m.alert_id))) continue;
    m.sequence = next++;
    Xapian::Document doc;
    doc.add_boolean_term(kMatchKind);
    doc.add_boolean_term(alert_term(m.alert_id));
    doc.add_boolean_term(pair);
    doc.add_value(kSequenceSlot, Xapian::sortable_serialise(static_cast<double>(m.sequence)));
    doc.set_data(alert_match_json(m).dump(-1, ' ', false, json::error_handler_t::replace));
    db_.add_document(doc);
    recorded.push_back(std::move(m));
  }
  if (recorded.empty() && marks.empty()) return recorded;
  db_.set_metadata(kNextSequenceKey, std::to_string(next));
  for (const auto& [leaf, mark] : marks) db_.set_metadata(kMarkKeyPrefix + leaf, mark);
  db_.commit();
  return recorded;
}

std::vector<AlertMatch> AlertStore::read_matches(const Xapian::Query& query, size_t size, bool newest_first) {
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(kSequenceSlot, newest_first);
  std::vector<AlertMatch> out;
  for (Xapian::MSetIterator m = enquire.get_mset(0, static_cast<Xapian::doccount>(size)).begin();
       m != Xapian::MSetIterator(); ++m) {
    if (Result<AlertMatch> match = alert_match_from_json(json::parse(m.get_document().get_data(), nullptr, false)))
      out.push_back(std::move(match).value());
  }
  return out;
}

std::vector<AlertMatch> AlertStore::matches_after(const std::string& id, uint64_t after, size_t size) {
  std::lock_guard<std::mutex> lock(mutex_);
  Xapian::Query query(Xapian::Query::OP_FILTER, Xapian::Query(alert_term(id)),
                      Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(kMatchKind),
                                    Xapian::Query(Xapian::Query::OP_VALUE_GE, kSequenceSlot,
                                                  Xapian::sortable_serialise(static_cast<double>(after) + 1))));
  return read_matches(query, size, false);
}

std::vector<AlertMatch> AlertStore::latest_matches(const std::string& id, size_t size) {
  std::lock_guard<std::mutex> lock(mutex_);
  return read_matches(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(alert_term(id)), Xapian::Query(kMatchKind)),
                      size, true);
}

size_t AlertStore::match_count(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Xapian::doccount n = db_.get_termfreq(alert_term(id));
  return n == 0 ? 0 : n - 1;  // the alert's own document has the term too
}

std::string AlertStore::mark(const std::string& leaf) {
  std::lock_guard<std::mutex> lock(mutex_);
  return db_.get_metadata(kMarkKeyPrefix + leaf);
}

}  // namespace gazette
