// The page shell. No scripts at all: everything works as plain forms, and the CSP can forbid script.
// The stylesheet and icon are files served by the app under content-hashed URLs (see assets.ts).
import { FAVICON, STYLESHEET } from "./assets.js";
import { type Html, html } from "./html.js";

export function layout(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title} · Notes</title>
<link rel="stylesheet" href="${STYLESHEET.url}">
<link rel="icon" href="${FAVICON.url}" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="wrap"><a class="brand" href="/"><img src="${FAVICON.url}" alt="" width="28" height="28">Notes</a></div></header>
<main id="main" class="wrap">
${body}
</main>
</body>
</html>`;
}

// What each failure means to the person who hit it; the message underneath says what exactly happened.
const ERROR_HEADINGS: Record<number, string> = {
  400: "That request was not valid",
  403: "This form has expired",
  404: "Page not found",
  409: "That changed in the meantime",
  410: "Nothing to undo",
  413: "That is too much text",
  503: "Notes are unavailable right now",
};

export function errorPage(statusCode: number, message: string): Html {
  const heading = ERROR_HEADINGS[statusCode] ?? (statusCode >= 500 ? "Something went wrong" : "Error");
  return layout(
    heading,
    html`<div class="card">
<p class="status-code">${statusCode}</p>
<h1>${heading}</h1>
<p>${message}</p>
<p class="actions"><a class="btn" href="/">Back to your notes</a></p>
</div>`,
  );
}
