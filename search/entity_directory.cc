#include "search/entity_directory.h"

#include <algorithm>
#include <set>

#include "common/schema.h"
#include "common/stored_document.h"

namespace gazette {
namespace {

namespace s = schema;

// Reading more entity terms than this for one lookup costs more than it is
// worth: the index rarely holds that many.
constexpr size_t kMaxTermsRead = 500000;

// The name an article stores for entity `id` (kEntitiesSlot).
std::string stored_name(const Xapian::Document& doc, const std::string& id) {
  std::string name;
  for_each_entity(doc.get_value(s::kEntitiesSlot), [&](EntityEntry e) {
    if (name.empty() && e.id == id) name = std::string(e.name);
  });
  return name;
}

}  // namespace

std::string entity_slug_prefix(std::string_view typed) {
  std::string out = entity_slug(typed);
  bool word_ended = !typed.empty() && (typed.back() == ' ' || typed.back() == '\'' || typed.back() == '-');
  if (word_ended && !out.empty()) out += '-';
  return out;
}

std::vector<EntitySummary> find_entities(const Xapian::Database& db, std::string_view prefix,
                                         std::optional<EntityType> type, size_t size) {
  const std::string wanted = entity_slug_prefix(prefix);
  const std::string term_prefix = std::string(s::kEntity) + (type ? EntityId::type_prefix(*type) : "");
  std::vector<EntitySummary> found;
  size_t read = 0;
  for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix) && read < kMaxTermsRead;
       ++t, ++read) {
    const std::string id = (*t).substr(std::char_traits<char>::length(s::kEntity));
    auto parsed = EntityId::parse(id);
    if (!parsed) continue;
    const std::string& name = parsed->slug;
    bool matches =
        wanted.empty() || name.compare(0, wanted.size(), wanted) == 0 || name.find("-" + wanted) != std::string::npos;
    if (matches) found.push_back({id, "", parsed->type, t.get_termfreq()});
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const EntitySummary& a, const EntitySummary& b) { return a.articles > b.articles; });
  if (found.size() > size) found.resize(size);
  for (auto& e : found) {
    const std::string term = s::kEntity + e.id;
    e.name = stored_name(db.get_document(*db.postlist_begin(term)), e.id);
  }
  return found;
}

Result<EntityProfile> entity_profile(Xapian::Database& db, const std::string& id, size_t latest, SpyKind spies) {
  const std::string term = s::kEntity + id;
  auto parsed = EntityId::parse(id);
  if (!parsed || db.get_termfreq(term) == 0) return Problem{"not_found", "no entity with id '" + id + "'", ""};

  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  // Counted in a pass of their own: over remote shards, spies on a pass
  // sorted by value count the returned documents twice (Xapian 1.4.22).
  auto months = make_facet_counter(s::kDateSlot, spies);
  auto entities = make_facet_counter(s::kEntitiesSlot, spies);
  enquire.add_matchspy(&months->spy());
  enquire.add_matchspy(&entities->spy());
  const Xapian::doccount articles = enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
  enquire.clear_matchspies();
  enquire.set_sort_by_value(s::kTimestampSlot, true);
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(latest));

  EntityProfile profile;
  profile.summary = {id, "", parsed->type, articles};
  profile.per_month = facet_result(Facet::kDate, months->tally(), 0, DateInterval::kMonth).values;
  std::set<std::string> aliases;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Result<Article> stored = read_article(it.get_document());
    if (!stored) return stored.problem();
    Article& a = *stored;
    for (const Entity& e : a.entities)
      if (e.id == id) aliases.insert(e.aliases.begin(), e.aliases.end());
    profile.latest.push_back(std::move(a));
  }
  profile.aliases.assign(aliases.begin(), aliases.end());
  for (FacetValue& v : facet_result(Facet::kEntity, entities->tally(), 10 + 1).values) {
    if (v.value == id)
      profile.summary.name = v.name;
    else
      profile.cooccurring.push_back(std::move(v));
  }
  std::stable_sort(profile.cooccurring.begin(), profile.cooccurring.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (profile.cooccurring.size() > 15) profile.cooccurring.resize(15);
  return profile;
}

}  // namespace gazette
