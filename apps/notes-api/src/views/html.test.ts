import { describe, expect, it } from "vitest";
import { html } from "./html.js";

describe("html", () => {
  it("escapes every interpolated string, including attribute quotes", () => {
    const evil = `<script>alert("x")</script>' onmouseover='x`;
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).not.toContain("<script>");
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x</p>',
    );
  });

  it("keeps nested templates and lists as markup, and drops empty values", () => {
    const items = ["a&b", "c"].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>${undefined}${false}${null}`.value).toBe(
      "<ul><li>a&amp;b</li><li>c</li></ul>",
    );
  });
});
