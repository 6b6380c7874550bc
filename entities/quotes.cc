// How quotes.h works. Three passes, each linear:
//   1. find_quotes() (quote_marks.h) pairs the quote marks of each line and
//      keeps the outermost pairs that are quotes (long enough, no heading, no
//      title);
//   2. tokenize() (quote_tokens.h) cuts the text into words and punctuation,
//      each quote one token, so that what is said never counts as who says
//      it; find_names() (quote_names.h) marks the people's names among the
//      words;
//   3. an Attributor (quote_attributor.h) reads the tokens around each quote:
//      after it (the inverted "…, a dit X" of French), else before it ("X a
//      dit : …"), else inside it (Le Monde's incise, read with the quote's own
//      tokens); then resolves pronouns; then lets quotes of one sentence share
//      a speaker.
// Every search stops at the end of the sentence and after a bounded number
// of tokens, so that a text without punctuation stays linear. The words all
// this knows are in quote_lexicon.h.
#include "entities/quotes.h"

#include "entities/quote_attributor.h"
#include "entities/quote_marks.h"
#include "entities/quote_names.h"
#include "entities/quote_tokens.h"

namespace gazette {

std::vector<Quote> extract_quotes(std::string_view text, const std::vector<std::string>& people) {
  const std::vector<quoting::Span> spans = quoting::find_quotes(text);
  if (spans.empty()) return {};
  const std::vector<quoting::Token> tokens = quoting::tokenize(text, spans);
  const quoting::KnownPeople known(people);
  const quoting::Names names = quoting::find_names(text, tokens, known);
  std::vector<quoting::Speaker> speakers = quoting::Attributor(text, tokens, names, spans, known).speakers();
  std::vector<Quote> quotes(spans.size());
  for (size_t k = 0; k < spans.size(); ++k) {
    Quote& q = quotes[k];
    q.begin = spans[k].begin;
    q.end = spans[k].end;
    q.text = std::string(text.substr(q.begin, q.end - q.begin));
    q.speaker = std::move(speakers[k].full);
    if (!q.speaker.empty()) {
      q.speaker_begin = speakers[k].begin;
      q.speaker_end = speakers[k].end;
    }
  }
  return quotes;
}

}  // namespace gazette
