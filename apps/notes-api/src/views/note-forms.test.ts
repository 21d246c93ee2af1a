import { describe, expect, it } from "vitest";
import { errorPage } from "./layout.js";
import { noteFields } from "./note-forms.js";

describe("note fields", () => {
  it("ties the hint and, when there is one, the error to the input", () => {
    const clean = noteFields({ values: {}, errors: {} }).value;
    expect(clean).toMatch(/id="title"[^>]*aria-describedby="title-hint"/);
    expect(clean).not.toContain("aria-invalid");
    const rejected = noteFields({ values: {}, errors: { title: "Title is required" } }).value;
    expect(rejected).toMatch(/id="title"[^>]*aria-invalid="true" aria-describedby="title-hint title-error"/);
    expect(rejected).toContain('<div class="error" id="title-error">Title is required</div>');
  });

  it("puts the keyboard in the first field that needs fixing", () => {
    const onDescription = noteFields(
      { values: {}, errors: { description: "Description is required" } },
      { autofocus: true },
    ).value;
    expect(onDescription).toMatch(/id="description"[^>]*autofocus/);
    expect(onDescription).not.toMatch(/id="title"[^>]*autofocus/);
    const both = noteFields({ values: {}, errors: { title: "a", description: "b" } }, { autofocus: true });
    expect(both.value.match(/autofocus/g)).toHaveLength(1);
    expect(both.value).toMatch(/id="title"[^>]*autofocus/);
    expect(noteFields({ values: {}, errors: {} }).value).not.toContain("autofocus");
  });
});

describe("error page", () => {
  it("says what happened in plain words, escapes the detail and links home", () => {
    const out = errorPage(404, "Nothing here at GET /<script>").value;
    expect(out).toContain("<title>Page not found · Notes</title>");
    expect(out).toContain("<h1>Page not found</h1>");
    expect(out).toContain("Nothing here at GET /&lt;script&gt;");
    expect(out).toContain('<a class="btn" href="/">Back to your notes</a>');
    expect(errorPage(503, "x").value).toContain("<h1>Notes are unavailable right now</h1>");
    expect(errorPage(500, "x").value).toContain("<h1>Something went wrong</h1>");
  });
});
