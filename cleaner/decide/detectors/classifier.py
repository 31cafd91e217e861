"""The generic boilerplate classifier: pages nobody wrote rules for.

Pattern rules name chrome that every site has; what is left on an unknown page is judged here,
block by block and as a whole, in the manner of jusText (Pomikálek 2011) plus a choice of the
main region:

1. **Language** (``cleaner.decide.language``): chosen from the page's own text, for the stop-word
   signal. Running text is dense in function words; menus, teasers, tables and credits are not.
2. **Block class** (``classify``), from the block's own features (``cleaner.decide.features``):

   * ``bad``: mostly link text (HTML), or long enough to judge yet poor in stop words;
   * ``short``: too short to judge on its own (subheadings, labels, names, captions);
   * ``near``: rich in stop words but short, or not quite rich enough;
   * ``good``: long and rich in stop words: a paragraph of running text.

3. **Main region** (``outside_main_block``): every block gets a signed weight (good and near
   blocks count their length, bad blocks and blocks already removed as chrome count against,
   short ones a little against) and the contiguous run of blocks with the largest total is the
   article. Everything still kept outside it goes, with the rule id and the region in the
   ``why``. That is what removes teaser rails, comment threads and footers that read like
   prose: they are prose, but they are not *this* prose.
   Rows of a table (the same number of aligned columns, line after line) and the items of a
   numbered run (1, 2, 3, ... at the start of consecutive blocks) weigh as running text
   (``record_rows``): standings, calendars and "the 21 best deals" are the article although no
   row is a sentence. Their penalty as ``bad`` blocks made the region land on the footer. Lines
   of one paragraph broken line by line with the same first separator (a tour's dates) count
   as rows too.
   So do the blocks of a catalogue that follows running text (``catalogue_blocks``: product
   cards, a meal plan; ``cleaner.decide.detectors.catalogues`` finds their rhythm), and inside the
   chosen region the catalogue's feature bullets and repeated fields that one-line rules took
   for a menu or a repeat are taken back (``overrule``). Text set line by line (a poem, a list
   of clauses: lines that end inside their sentence) weighs as running text too.
   A region that weighs under ``weak_region`` is no sure choice: it is chosen again with long
   running text that does not end like a sentence counted whole (a short post that lost its
   last full stop, justified text cut into blocks mid-sentence).
   The region then reaches past its last block over a paragraph that only lacks its full stop
   when a sentence follows it (``bridge_unended``), and over a list its last words introduce
   with a colon (``introduced_list``).
4. **Inside the region** (``boilerplate_block``): blocks that are mostly links, or that have
   hardly any stop words and are not sentences, go; other ``bad`` blocks stay (a list or table
   inside the article is poor in stop words too).

One module per job: ``judge.py`` (language, block class, ``deferred``), ``region.py`` (the
main region, bridges, introduced lists), ``records.py`` (table rows, numbered runs, catalogues),
``reclaim.py`` (take-backs inside the region or the DOM's container), ``boilerplate.py``
(inside the region), ``tail.py`` (the article's tail). This module is their overview.

Every threshold is a rule parameter in ``rules/generic.toml``; every removal's ``why`` names the
class and the features that decided it, so ``clean-corpus explain`` shows them.
"""

from __future__ import annotations

# The classifier's parts, one module per job; this module keeps the overview above and the
# names other modules and rule authors know.
from cleaner.decide.detectors.boilerplate import BoilerplateParams, boilerplate_block
from cleaner.decide.detectors.judge import (
           BAD,
           GOOD,
           NEAR,
           SHORT,
           Judgement,
           JudgeParams,
           classify,
           deferred,
           judge,
)
from cleaner.decide.detectors.records import (
           CATALOGUE,
           RecordParams,
           catalogue_blocks,
           found_catalogue,
           record_rows,
)
from cleaner.decide.detectors.region import MainBlockParams, best_region, outside_main_block
from cleaner.decide.detectors.tail import ArticleTailParams, article_tail

__all__ = ["BAD", "CATALOGUE", "GOOD", "NEAR", "SHORT", "ArticleTailParams", "BoilerplateParams", "JudgeParams",
           "Judgement", "MainBlockParams", "RecordParams", "article_tail", "best_region", "boilerplate_block",
           "catalogue_blocks", "classify", "deferred", "found_catalogue", "judge", "outside_main_block",
           "record_rows"]
