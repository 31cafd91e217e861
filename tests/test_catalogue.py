"""Catalogues inside an article (``cleaner.decide.detectors.catalogues`` + the classifier's
``catalogue_blocks``): product cards or a meal plan that follow the article's intro are its body,
although no line of them is a sentence and their fixed lines repeat."""

from __future__ import annotations

from cleaner import clean, explain
from cleaner.cli.explain import render
from cleaner.decide.detectors.catalogues import find_templates
from cleaner.segment.blocks import split_blocks

INTRO = ("The holidays are close, and the shops have cut their prices on kettles, lamps and "
         "radios. We went through the offers of the week and picked the ones worth a look, "
         "with what each of them does well and where it can be bought today.")
PRODUCTS = [
    ("Quiet Kettle 2", ["Boils a litre in three minutes", "Keeps the water warm", "Auto switch-off"], "$39.99"),
    ("Desk Lamp Mini", ["Three colours of light", "Folds flat for travel", "USB charging"], "$24.50"),
    ("Pocket Radio", ["FM and DAB", "Runs a week on two batteries", "Loud speaker"], "$19.00"),
    ("Travel Mug Pro", ["Keeps tea hot for six hours", "Fits car holders", "Leak-proof lid"], "$15.75"),
    ("Smart Plug Duo", ["Works with any phone", "Timer and schedules", "Energy meter"], "$29.90"),
]
FOOTER = "Contact us | Terms of use | Privacy\n\n© 2026 Example Media. All rights reserved.\n"


def card(name: str, features: list[str], price: str) -> str:
    bullets = "\n".join(f"  • {feature}" for feature in features)
    return f"{name}\n\n{bullets}\n\n{price}\n\nAvailable from the corner shop\n\nBuy Now"


def page(intro: str | None = INTRO) -> str:
    parts = ([intro] if intro else []) + [card(*product) for product in PRODUCTS]
    return "Home\nDeals\n\n" + "\n\n".join(parts) + "\n\n" + FOOTER


def test_product_cards_after_the_intro_are_the_article():
    record = clean(page(), source="deals.txt")
    assert record.text.startswith(INTRO)
    for name, features, price in PRODUCTS:
        assert name in record.text and price in record.text
        assert all(feature in record.text for feature in features)
    assert record.text.count("Buy Now") == len(PRODUCTS)
    assert "Privacy" not in record.text


def test_explain_says_who_kept_a_field_over_the_one_line_rule():
    rendered = render(explain(page(), source="deals.txt"))
    assert "kept by generic/outside-main-block over generic/bullet-menu" in rendered
    assert "kept by generic/outside-main-block over generic/repeated-block" in rendered


def test_cards_without_an_intro_are_not_taken_for_an_article():
    # No running text before them: a shop's grid, not an article's catalogue.
    record = clean(page(intro=None), source="grid.txt")
    assert "Boils a litre" not in record.text


def test_a_menu_printed_four_times_is_not_a_catalogue():
    menu = "\n".join(f"  • {item}" for item in ["Home", "World news today", "Sports and games", "Arts and culture"])
    text = INTRO + "\n\n" + "\n\n".join([menu] * 4) + "\n\n" + FOOTER
    record = clean(text, source="menus.txt")
    assert record.text == INTRO


def test_find_templates_sees_the_rhythm_of_a_recurring_phrase():
    blocks = split_blocks(page())
    found = find_templates(blocks, min_records=4, min_gap=4, max_gap=40)
    anchors = {t.anchor for t in found}
    assert "available from the corner shop" in anchors
    run = next(t for t in found if t.anchor == "available from the corner shop")
    assert run.records == len(PRODUCTS)
    assert blocks[run.first_anchor].text == "Available from the corner shop"


def test_names_dates_and_single_labels_are_no_anchors():
    # A comment thread's author names, a news list's dates and a widget's one-word label recur
    # with a rhythm too; none of them marks a catalogue's records.
    for label in ["Jane Smith", "Tuesday, November 19, 2019", "Reply"]:
        text = "\n\n".join(f"{label}\n\nSome words number {n} here\n\nMore words {n}\n\nEnd {n}" for n in range(6))
        anchors = {t.anchor for t in find_templates(split_blocks(text), min_records=4, min_gap=4, max_gap=40)}
        assert anchors == set(), label


def html_page() -> str:
    cards = "".join(
        f"<h3>{name}</h3><ul>{''.join(f'<li>{f}</li>' for f in features)}</ul>"
        f"<p>{price}</p><p>Available from the corner shop</p><p><a href='/buy'>Buy Now</a></p>"
        for name, features, price in PRODUCTS)
    return ("<html><head><title>Deals</title></head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/deals'>Deals</a></li></ul></nav>"
            f"<article><h1>The best deals of the week</h1><p>{INTRO}</p>{cards}</article>"
            "<div><p>Another story: the town council met on Monday, and the new bridge will open "
            "in the spring, two years late.</p></div>"
            "<footer><p>Contact us | Terms of use | Privacy</p></footer></body></html>")


def test_product_cards_inside_the_html_article_are_kept():
    # The DOM finds the article's container (the other story goes); the catalogue's list items
    # and repeated lines inside it are its fields, not a menu and repeats.
    record = clean(html_page(), source="deals.html")
    assert "Another story" not in record.text
    for _name, features, price in PRODUCTS:
        assert price in record.text
        assert all(feature in record.text for feature in features)
    assert record.text.count("Available from the corner shop") == len(PRODUCTS)
    assert "Privacy" not in record.text
