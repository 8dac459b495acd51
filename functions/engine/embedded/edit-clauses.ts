/**
 * @module edit-clauses
 * Splits an edit command into clauses ("make it vertical and 15 seconds" → two), after taking
 * out quoted text so a quote's "and" or "," does not split it. A quote is left in its clause as
 * a placeholder `⟦n⟧` that {@link quoteIn} resolves.
 */

/** One edit command, ready for the clause handlers. */
export interface EditCommand {
  /** Lower-cased clauses with quotes replaced by `⟦n⟧`, in the visitor's order. */
  clauses: string[];
  /** The same clauses as typed (case kept), index for index. */
  originals: string[];
  /** The quoted texts, as typed (case kept). */
  quotes: string[];
}

const DOUBLE_QUOTED = /["“”「『]([^"“”」』]+)["“”」』]/gu;
/** Single quotes only around a phrase: opened after a space, closed before one (so "don't" and "it's" stay words). */
const SINGLE_QUOTED = /(^|[\s(:：])['‘](.+?)['’](?=$|[\s.,!?;:)，。])/gu;
const PLACEHOLDER = /⟦(\d+)⟧/u;
/**
 * Clause breaks: `,` `;` "and" "then" "also" "plus" and their Chinese forms. "between 5 and 8"
 * is a time range, "scenes 2 and 3" and "the second and third scenes" a pair of scenes, not two
 * clauses.
 */
const SEPARATORS =
  /\s*(?:[,;，；]|(?<!between\s+\d+(?:\.\d+)?\s*(?:s|secs?|seconds?)?\s*|\bscenes?\s+\d+\s*)\band\b(?!(?<=\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s+and)\s+(?:the\s+)?(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s+scenes?\b)|\bthen\b|\balso\b|\bplus\b|然后|并且|同时|再)\s*/u;

/** A list of colours ("#0a84ff and #ff375f", "#a, #b and #c") is one value, not clauses: joined by a space. */
const COLOUR_LIST_JOIN = /(#[0-9a-f]{6})(?:\s*[,，、])?\s*(?:\band\s+)?(?=#[0-9a-f]{6})/giu;

/**
 * Parses an edit command.
 * @example splitEdit('make it vertical and title "Big, Bold News"') // clauses ['make it vertical','title ⟦0⟧'], quotes ['Big, Bold News']
 */
export function splitEdit(text: string): EditCommand {
  const quotes: string[] = [];
  const keep = (quote: string): string => `⟦${quotes.push(quote.trim()) - 1}⟧`;
  const masked = text
    .replace(DOUBLE_QUOTED, (_all, quote: string) => keep(quote))
    .replace(SINGLE_QUOTED, (_all, lead: string, quote: string) => `${lead}${keep(quote)}`)
    .replace(COLOUR_LIST_JOIN, '$1 ');
  const originals = masked
    .split(new RegExp(SEPARATORS.source, 'iu'))
    .map((clause) => clause.replace(/[.!?。！？]+$/u, '').trim())
    .filter((clause) => /[\p{L}\p{N}⟦]/u.test(clause));
  return { clauses: originals.map((clause) => clause.toLowerCase()), originals, quotes };
}

/** The first quote referenced in a clause, or null. */
export function quoteIn(clause: string, quotes: readonly string[]): string | null {
  const match = PLACEHOLDER.exec(clause);
  return match ? (quotes[Number(match[1])] ?? null) : null;
}

/** A clause with its quotes taken out (for reading colours or times that are not part of a quote). */
export function withoutQuotes(clause: string): string {
  return clause.replace(/⟦\d+⟧/gu, ' ').replace(/\s+/g, ' ').trim();
}
