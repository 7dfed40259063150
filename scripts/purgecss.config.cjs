// PurgeCSS settings for scripts/build-css: keep the Bootstrap selectors that the
// templates, the page scripts and the sanitised Markdown of the rules can produce.
const markdownTags = (process.env.MARKDOWN_TAGS || "").split(/\s+/).filter(Boolean);

module.exports = {
  content: [
    "templates/**/*.html",
    "static/js/*.js",
    // The contest rules are organizer Markdown: any tag the sanitiser lets through.
    { raw: markdownTags.map((tag) => `<${tag}></${tag}>`).join(""), extension: "html" },
  ],
  safelist: {
    standard: [
      // Flash messages: base.html builds `alert-{{ category }}` from flash(…, category).
      /^alert-(success|danger|warning|info)$/,
      // States a script or the browser may set (no template spells them out).
      "active", "disabled", "show", "fade", "collapse", "collapsing",
      "is-invalid", "is-valid", "was-validated",
    ],
  },
  keyframes: true,
  fontFace: true,
};
