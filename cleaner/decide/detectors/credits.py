"""Credit lines under the article that another rule already removed.

"(Reporting by Jane Doe; Editing by John Roe)" or "John Roe contributed to this report." on a
line of its own is no sentence of the story: the classifier leaves it outside the main text and
``author-note`` drops it as a note. Either way its names would be lost, while a credit that
closes the last kept paragraph is read by the body stage (``cleaner.extract.body``). This detector
reads the removed ones: near the end of the article, a removed block that is wholly a credit
gives its names to the record, and the removal is recorded under this rule, which says why.
Kept blocks are left to the body stage, so a kept credit is read once, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.decide.features import ends_like_sentence
from cleaner.decide.page import Page, is_prose
from cleaner.decide.params import Strings, param
from cleaner.decide.rulebook import Rule
from cleaner.lexicon.credits import split_trailing_credit

# Longer than this, a block is a paragraph that merely ends with a credit, not a credit line.
_MAX_CHARS = 400


@dataclass(frozen=True, slots=True)
class CreditLineParams:
    reach: int = param(6, "how many blocks after the article's last kept block are read")
    from_rules: Strings = param((), "rules whose removals may be credit lines: taken over", takes_back=True)
    last_paragraph: Strings = param((), "rules whose removal of the paragraph right after the text is taken back "
                                        "when that paragraph is a sentence closed by a credit", takes_back=True)


def credit_lines(page: Page, rule: Rule) -> None:
    """Credit removed credit lines among the ``reach`` blocks after the article's last kept block
    (the page must have running text: a page without it has no article to credit)."""
    kept = page.kept()
    if not kept or not any(is_prose(page.text[i]) for i in kept):
        return
    end = _take_back_last_paragraph(page, rule, kept[-1])
    reach = rule.params.reach
    # Only removals that judged the line as not-the-story; a copyright notice ("© 2019 The
    # Associated Press") names the publisher of the page, which is no credit of this article.
    takes = {f"{rule.ruleset}/{name}" for name in rule.params.from_rules}
    for i in range(end + 1, min(len(page.blocks), end + 1 + reach)):
        removed_by = page.removed_by[i]
        text = page.text[i]
        if removed_by not in takes or len(text) > _MAX_CHARS:
            continue
        split = split_trailing_credit(text)
        if split is None or split.rest.strip() or not (split.credit.authors or split.credit.agencies):
            continue
        page.fields.credits.append(text)
        page.reassign(i, rule, f"a credit line under the article (its names go to authors/agencies; "
                               f"first removed by {removed_by})")


def _take_back_last_paragraph(page: Page, rule: Rule, end: int) -> int:
    """The article's last paragraph, when a credit closes it ("... the company said. — Reuters"),
    ends with no sentence end: the classifier may judge it outside the text. The block right after
    the text, removed by a rule of ``last_paragraph``, whose words before the credit are a
    paragraph ending like a sentence, is the article's: kept again (the body stage then reads its
    credit, as on any last paragraph). Returns the index of the text's last block."""
    taken = {f"{rule.ruleset}/{name}" for name in rule.params.last_paragraph}
    i = end + 1
    if i >= len(page.blocks) or page.removed_by[i] not in taken:
        return end
    split = split_trailing_credit(page.text[i])
    if split is None or not (split.credit.authors or split.credit.agencies):
        return end
    if not (is_prose(split.rest) and ends_like_sentence(split.rest)):
        return end
    page.restore(i, rule, f"the article's last paragraph, closed by a credit ({split.removed!r})")
    return i
