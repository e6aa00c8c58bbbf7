"""The header search box's clear button, in Chromium, on a phone and a desktop, light and dark.

The box is a text input (an ARIA 1.2 combobox), so the browser draws no "×"
of its own: overrides/partials/pa-search.html has a button that shows while
the box holds text. It must be seen (WCAG 1.4.11: a control at least 3:1
against what is behind it), be big enough to tap (WCAG 2.5.8: 24 px), empty
the box, close the results and leave the focus in the box.
"""
from __future__ import annotations

import pytest

from support.browser import SCREENSHOTS, open_recorded

WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}

#: WCAG contrast of the button's colour against the colours painted behind its middle.
CONTRAST = """el => {
  const rgba = s => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const r = el.getBoundingClientRect();
  // The icon is a mask painted in its background colour (docs/assets/paper-atlas.css .pa-icon).
  const icon = el.querySelector(".pa-icon");
  let bg = [255, 255, 255, 1];
  for (const e of document.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2).reverse())
    if (e !== icon) bg = over(rgba(getComputedStyle(e).backgroundColor), bg);
  const fg = over(rgba(getComputedStyle(icon).backgroundColor), bg);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_clear_button_shows_with_text_empties_the_box_and_keeps_the_focus(chromium, base, width, scheme):
    w, h = WIDTHS[width]
    ctx = chromium.new_context(viewport={"width": w, "height": h}, color_scheme=scheme,
                               is_mobile=width == "phone", has_touch=width == "phone")
    try:
        page, rec = open_recorded(ctx, base)
        box, clear = page.locator("#pa-search-input"), page.locator(".pa-search__clear")
        assert clear.is_hidden()
        if not box.is_visible():  # phones: the box folds into its icon
            page.locator('label[for="pa-search-input"]').click()
        box.press_sequentially("graph")
        page.wait_for_function("document.querySelector('.pa-search__meta').textContent.includes('graph')")
        assert clear.is_visible()
        size = clear.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24, size
        field = box.bounding_box()  # inside the box, at its right end
        assert field["x"] <= size["x"] and size["x"] + size["width"] <= field["x"] + field["width"] + 1
        assert page.evaluate(CONTRAST, clear.element_handle()) >= 3
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"search-clear-{width}-{scheme}.png")
        if width == "phone":
            clear.tap()
        else:
            clear.click()
        assert box.input_value() == ""
        assert page.evaluate("document.activeElement.id") == "pa-search-input"
        assert clear.is_hidden()
        assert page.locator("#pa-search-results").is_hidden()
        assert box.get_attribute("aria-expanded") == "false"
        box.press_sequentially("unet")  # the box still works after clearing
        page.wait_for_function("document.querySelector('.pa-search__meta').textContent.includes('unet')")
        assert clear.is_visible()
        rec.assert_clean(base.rstrip("/"))
    finally:
        ctx.close()
