/* Paper Atlas: render `$…$` math in abstracts with KaTeX (served from the site).
 *
 * The generator wraps math as <span class="pa-math">$…$</span> and keeps the
 * source text, so without JavaScript (or if KaTeX fails) the reader sees the
 * LaTeX as written. Each span is rendered once; errors are shown in place
 * (throwOnError: false), never thrown.
 */
(function () {
  "use strict";

  function strip(tex) {
    var m = /^\$\$([\s\S]*)\$\$$/.exec(tex) || /^\$([\s\S]*)\$$/.exec(tex);
    return m ? m[1] : tex;
  }

  function render(root) {
    if (typeof katex === "undefined") return;
    var spans = (root || document).querySelectorAll(".pa-math:not([data-pa-rendered])");
    for (var i = 0; i < spans.length; i++) {
      var el = spans[i];
      var source = el.textContent;
      try {
        katex.render(strip(source.trim()), el, { throwOnError: false, displayMode: false });
        el.setAttribute("data-pa-rendered", "");
      } catch (err) {
        el.textContent = source; /* leave the source text as it was */
      }
    }
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(function () { render(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { render(document); });
  } else {
    render(document);
  }
})();
