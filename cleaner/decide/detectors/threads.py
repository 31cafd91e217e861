"""Reader comments under an article: a thread of posts, each signed with a name and a time.

A comment thread is prose, often more of it than the article above it, and the region chooser
(``outside-main-block``) cannot tell one from the other by words alone: on short posts the
comments won the region, or joined it over a small gap. What gives a thread away is its rhythm:
a short signature line with a date or a clock time ("Posted by: Jane at May 3, 2012 7:49 AM",
"by jdoe (1234) writes: on Tuesday May 3, @11:35AM", "Jane Doe | May 3, 2012 12:13 AM | Reply")
comes back again and again with a post between each two. One signed line is a byline; a
schedule's dated lines follow each other with nothing between them.

Only the *start* of such a thread is found here; ``cleaner.decide.detectors.region`` decides
what it means: comments when an article stands before it, the page itself when nothing does (a
forum's posts are its running text).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import pairwise

from cleaner.decide.features import ends_like_sentence, word_units
from cleaner.decide.page import Page
from cleaner.segment.blocks import Block


@lru_cache(maxsize=8)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_WORD = re.compile(r"[^\W\d_]{2,}")
# Words of a date line that name no one: "Sunday, December 24, 2006" heads a blog's next post.
_DATE_WORDS = re.compile(r"(?i)\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b(?:posted|updated|published|on|at)\b")

# A signature that counts or links the comments ("Comments (0)", "[214 total comments]") signs
# a post or an article of a list, not a comment: comments do not carry comments.
_COUNTS_COMMENTS = re.compile(r"(?i)\bcomments?\b")
# A post that carries its own comment count or link ("San Diego, Baby [ 7 Comments ]",
# "Comments (0)") is an article of a list (a news front page, a blog's posts), not a comment.
_COMMENT_COUNT = re.compile(r"(?i)\b\d+\s+comments?\b|\bcomments?\s*\(\d+\)|\[\s*comments?\b")


def _signer(block: Block, signature: re.Pattern[str], max_words: float) -> str | None:
    """Who signs the block, when it is a post's signature (short, no sentence, no list item, a
    date or a time in it and a word besides: "Posted by: Jane at"), else None. A date alone
    (with its weekday) heads a blog's next post; a list of dated headlines is a list; a line
    that counts comments signs a post."""
    text = block.text
    if (block.bullet is not None or word_units(text) > max_words or ends_like_sentence(text)
            or _COUNTS_COMMENTS.search(text)):
        return None
    rest, found = signature.subn(" ", text)
    if not found:
        return None
    words = _WORD.findall(_DATE_WORDS.sub(" ", rest))
    return " ".join(words).casefold() if words else None


def _counted_posts(blocks: list[Block], signatures: list[int], max_words: float) -> bool:
    """Do most posts of the chain carry a comment count of their own (a short line between two
    signatures: "[ 7 Comments ]")? Then they are the articles of a list, each signed by its
    writer, and comments do not carry comments."""
    counted = sum(any(word_units(blocks[j].text) <= max_words and _COMMENT_COUNT.search(blocks[j].text)
                      for j in range(a + 1, b)) for a, b in pairwise(signatures))
    return counted * 2 >= len(signatures) - 1


def thread_start(page: Page, signature: str, min_posts: int, max_gap: int, max_words: float) -> list[int]:
    """The signatures of the page's first comment thread, in page order ([] when none).

    A thread: at least ``min_posts`` signature lines (``signature``, at most ``max_words`` word
    units, not a sentence), each 2 to ``max_gap`` blocks after the one before, with a block of
    text between each two (the post), signed by at least ``min_posts`` different signers and
    no signer more than half the time: a blog's front page signs every post with its one author
    ("Posted by jane at 09:41 PM"), and those posts are the page. Blocks as captured: a
    signature that another rule already removed (a byline, a date) still marks its post, and
    the first one may be the article's own byline (the caller decides).
    """
    pattern = _compiled(signature)
    blocks = page.blocks
    signed = [(i, who) for i, block in enumerate(blocks) if (who := _signer(block, pattern, max_words))]
    chain: list[tuple[int, str]] = []
    for i, who in [*signed, (-1, "")]:
        last = chain[-1][0] if chain else -1
        if i >= 0 and chain and 2 <= i - last <= max_gap and any(
                len(blocks[j].text.split()) >= 3 for j in range(last + 1, i)):
            chain.append((i, who))
            continue
        if len(chain) >= min_posts:
            signers = Counter(who for _, who in chain)
            if (len(signers) >= min_posts and signers.most_common(1)[0][1] * 2 <= len(chain)
                    and not _counted_posts(blocks, [i for i, _ in chain], max_words)):
                return [i for i, _ in chain]
        chain = [(i, who)]
    return []
