"use client";
// The rendered template, highlighted, with line numbers (drawn by CSS, so a copy or selection never
// includes them), and copy and download buttons.
import { memo, useMemo, useState } from "react";
import { splitLines, type TokenKind, tokenizeLine } from "./highlight";

const TOKEN_CLASS: Record<TokenKind, string> = {
  key: "text-sky-800 dark:text-sky-300",
  string: "text-emerald-800 dark:text-emerald-300",
  number: "text-amber-800 dark:text-amber-300",
  literal: "text-fuchsia-800 dark:text-fuchsia-300",
  tag: "text-rose-800 dark:text-rose-300 font-semibold",
  comment: "text-slate-600 dark:text-slate-400 italic",
  punct: "text-slate-600 dark:text-slate-400",
  plain: "",
};

export type TemplateLanguage = "yaml" | "json";

// One component per line, memoised on its text: a keystroke changes a few lines of a thousand, and only
// those are tokenized and re-rendered (this keeps the preview within 100 ms of the keystroke).
const CodeLine = memo(function CodeLine({ text, language }: { text: string; language: TemplateLanguage }) {
  return (
    <span className="code-line">
      {tokenizeLine(text, language).map((token, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: tokens are positional within their line.
        <span key={i} className={TOKEN_CLASS[token.kind]}>
          {token.text}
        </span>
      ))}
      {"\n"}
    </span>
  );
});

const HighlightedCode = memo(function HighlightedCode({
  text,
  language,
}: {
  text: string;
  language: TemplateLanguage;
}) {
  const lines = useMemo(() => splitLines(text), [text]);
  return (
    <code className="code-lines block">
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional; the line number is the key.
        <CodeLine key={index} text={line} language={language} />
      ))}
    </code>
  );
});

export function TemplateView(props: {
  yaml: string;
  json: string;
  fileName: string;
  maxHeight?: string;
  label: string;
}) {
  const [language, setLanguage] = useState<TemplateLanguage>("yaml");
  const [copied, setCopied] = useState<string | null>(null);
  const text = language === "yaml" ? props.yaml : props.json;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied ${text.split("\n").length - 1} lines of ${language.toUpperCase()}`);
    } catch {
      setCopied("The browser refused the clipboard; select the text instead.");
    }
  };
  const download = () => {
    const url = URL.createObjectURL(
      new Blob([text], { type: language === "yaml" ? "application/yaml" : "application/json" }),
    );
    const link = Object.assign(document.createElement("a"), {
      href: url,
      download: `${props.fileName}.template.${language}`,
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  const tab = (value: TemplateLanguage) =>
    `rounded px-2 py-1 text-sm ${language === value ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "hover:bg-slate-200 dark:hover:bg-slate-800"}`;
  const button =
    "rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <fieldset className="flex gap-1">
          <legend className="sr-only">Template format</legend>
          <button
            type="button"
            aria-pressed={language === "yaml"}
            className={tab("yaml")}
            onClick={() => setLanguage("yaml")}
          >
            YAML
          </button>
          <button
            type="button"
            aria-pressed={language === "json"}
            className={tab("json")}
            onClick={() => setLanguage("json")}
          >
            JSON
          </button>
        </fieldset>
        <span className="grow" />
        <button type="button" className={button} onClick={copy}>
          Copy
        </button>
        <button type="button" className={button} onClick={download}>
          Download
        </button>
      </div>
      <section
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
        tabIndex={0}
        aria-label={props.label}
        className={`overflow-auto rounded-lg border border-slate-200 bg-white p-3 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-slate-800 dark:bg-slate-950 ${props.maxHeight ?? "max-h-[32rem]"}`}
      >
        <pre data-testid="template-text" className="text-xs leading-5">
          <HighlightedCode text={text} language={language} />
        </pre>
      </section>
      <p aria-live="polite" className="min-h-4 text-xs text-slate-600 dark:text-slate-400">
        {copied}
      </p>
    </div>
  );
}
