// The page shell. No scripts at all: everything works as plain forms, and the CSP can forbid script.
import { type Html, html } from "./html.js";

export const STYLESHEET = `
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2329}
h1{font-size:1.6rem}a{color:#0b5cad}table{width:100%;border-collapse:collapse}
td,th{padding:.4rem;border-bottom:1px solid #dde3e8;text-align:left;vertical-align:top}
.done .title{text-decoration:line-through;color:#67737e}.error{color:#b3261e;font-size:.9rem}
label{display:block;font-weight:600;margin-top:.6rem}input[type=text]{width:100%;padding:.3rem;box-sizing:border-box}
form.inline{display:inline}button{margin-top:.5rem;cursor:pointer}.notice{background:#fff4d6;padding:.6rem}
nav.pages{margin:1rem 0;display:flex;gap:1rem}
`;

export function layout(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Notes</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header><a href="/">Notes</a></header>
<main>
${body}
</main>
</body>
</html>`;
}

export function errorPage(statusCode: number, message: string): Html {
  return layout(
    `Error ${statusCode}`,
    html`<h1>${statusCode === 404 ? "Page not found" : `Error ${statusCode}`}</h1>
<p>${message}</p>
<p><a href="/">Back to your notes</a></p>`,
  );
}
