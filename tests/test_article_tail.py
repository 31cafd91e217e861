"""The article's tail (generic/article-tail): bios, 'About' boxes and appeals under an article."""

from cleaner import clean

ARTICLE = "\n\n".join([
    "The council said on Tuesday that the new bridge would open in the spring, after a year of work "
    "that had cost more than the city had expected and had closed the road to all traffic for months.",
    "Engineers said the steel had come from three countries and that the deck had been lifted into "
    "place in a single night in October, watched by hundreds of people from both banks of the river.",
    "Residents said they were glad that the work was over and that the buses would return to the "
    "street, although some shops had lost customers during the works and two had closed.",
    "The mayor said the city would now turn to the second bridge, which is older and in worse repair, "
    "and that work on it would start next year if the regional government agreed to pay for half.",
    "A spokesman for the regional government said on Wednesday that no decision had been taken yet "
    "and that the request would be studied with the others in the budget talks this autumn.",
])
BIO = ("Jane Doe is a city hall reporter for the Example Times, covering transport and housing. "
       "She joined the paper in 2015 after ten years at the Example Herald.")


def _rules(text: str) -> dict[str, str]:
    return {r["text"]: r["rule"] for r in clean(text, kind="text").to_dict()["removed"]}


def test_bio_under_the_article_goes_with_its_rule_id():
    record = clean(ARTICLE + "\n\n" + BIO, kind="text")
    assert "Jane Doe" not in record.text
    assert _rules(ARTICLE + "\n\n" + BIO)[BIO] == "generic/article-tail"


def test_bio_formula_at_the_start_of_an_article_stays():
    text = BIO + "\n\n" + ARTICLE
    assert "Jane Doe is a city hall reporter" in clean(text, kind="text").text


def test_news_sentence_with_a_contributor_stays():
    last = ("Fentanyl has been a major contributor to the rise in overdose deaths, with a report "
            "identifying China as the primary source of the drug.")
    assert last in clean(ARTICLE + "\n\n" + last, kind="text").text


def test_about_heading_needs_its_subject_in_the_box():
    box = "About Acme\n\nAcme makes bridges, tunnels and roads in twelve countries and employs 4,000 people."
    assert "Acme makes bridges" not in clean(ARTICLE + "\n\n" + box, kind="text").text
    subheading = ("About the study\n\nThe engineers measured the load on the deck for a week "
                  "before the opening, and found it within limits.")
    assert "measured the load" in clean(ARTICLE + "\n\n" + subheading, kind="text").text
